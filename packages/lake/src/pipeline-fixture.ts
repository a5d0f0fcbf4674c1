import { devices, type FieldSpec, fieldTable, sampleWith, validateRecord } from "@ecomstream/contracts";
import { checkpointOf, type LayerSpec, layerSpecs, utcDateHour } from "@ecomstream/lake-model";
import {
  quarantineQuery,
  quarantineQueryName,
  silverQuery,
  silverQueryName,
} from "@ecomstream/silver-writer";
import type { SparkSession } from "@ecomstream/spark-connect";
import type { TempHome } from "@ecomstream/stage";
import { ensureDeltaTable } from "./delta-table.js";
import { type LakeStore, lakeStore } from "./store.js";
import type { StreamConsumer } from "./stream-progress.js";
import { readTable } from "./table-reader.js";

/**
 * Test helpers: bronze committed the way bronze-writer commits it (a Delta append), and silver and
 * quarantine written by silver-writer's own streaming queries. Not part of the package's exports.
 */

export interface KafkaRecord {
  value: string;
  kafkaMs: number;
  partition: number;
  offset: number;
}

const eventTypes = ["page_view", "product_view", "add_to_cart", "checkout_started", "purchase"] as const;

/**
 * `count` records from `firstOffset`, Kafka time spread over `spanMs` from `startMs`: valid
 * events of several types (some late, some crossing an hour), every 10th a copy of the one before,
 * and invalid ones: device `smart_tv` (invalid_enum), country `de` (invalid_enum), no user_id
 * (missing_field) and broken JSON (invalid_json).
 */
export function shopRecords(
  startMs: number,
  firstOffset: number,
  count: number,
  spanMs = 2_400_000,
): KafkaRecord[] {
  const out: KafkaRecord[] = [];
  for (let i = firstOffset; i < firstOffset + count; i++) {
    const kafkaMs = startMs + Math.floor(((i - firstOffset) * spanMs) / count);
    const lateMs = i % 13 === 0 ? 20 * 60_000 : (i % 5) * 7_000;
    const changes: Record<string, unknown> = {
      event_id: `ev-${i}`,
      event_ts: new Date(kafkaMs - lateMs).toISOString(),
      user_id: `u-${i % 17}`,
      session_id: `s-${i % 23}`,
    };
    if (i % 11 === 3) changes.device = "smart_tv";
    if (i % 11 === 5) changes.country = "de";
    if (i % 11 === 7) changes.user_id = undefined;
    let value = JSON.stringify(sampleWith(eventTypes[i % eventTypes.length]!, changes));
    if (i % 37 === 0) value = value.slice(0, -3);
    if (i % 10 === 9 && out.length) value = out[out.length - 1]!.value;
    out.push({ value, kafkaMs, partition: i % 3, offset: i });
  }
  return out;
}

/** The contract with one rule relaxed: device may also be `smart_tv`. */
export const smartTvContract: readonly FieldSpec[] = (fieldTable as readonly FieldSpec[]).map((f) =>
  f.name === "device" ? { ...f, rule: { kind: "enum", values: [...devices, "smart_tv"] } } : f,
);

/** The contract's TypeScript verdict on records: valid event_ids (distinct, sorted) and invalid offsets by reason. */
export function expectedVerdict(records: readonly KafkaRecord[]) {
  const ids = new Set<string>();
  const byReason = new Map<string, number>();
  for (const r of records) {
    const verdict = validateRecord(r.value, new Date(r.kafkaMs));
    if (verdict.ok) ids.add(verdict.event.event_id);
    else byReason.set(verdict.reason, (byReason.get(verdict.reason) ?? 0) + 1);
  }
  return { ids: [...ids].sort(), byReason };
}

const hex = (text: string) => Buffer.from(text, "utf8").toString("hex");

/** Appends records to bronze as bronze-writer does: one more Delta commit. */
export async function appendBronze(
  session: SparkSession,
  home: TempHome,
  topic: string,
  records: readonly KafkaRecord[],
): Promise<void> {
  const rows = records.map(
    (r) => `('${hex(r.value)}', timestamp_millis(${r.kafkaMs}), ${r.partition}, CAST(${r.offset} AS BIGINT))`,
  );
  const df = await session.sql(
    `SELECT CAST(NULL AS STRING) AS key, CAST(unhex(v) AS STRING) AS value, '${topic}' AS topic, ` +
      "CAST(p AS INT) AS partition, o AS offset, kafka_timestamp, kafka_timestamp AS ingest_ts, " +
      `${utcDateHour("kafka_timestamp", "ingest_date", "hour").join(", ")} ` +
      `FROM (VALUES ${rows.join(", ")} AS t(v, kafka_timestamp, p, o))`,
  );
  await ensureDeltaTable(session, lakeStore(home.config), layerSpecs(home.lake).bronze);
  await df.write.format("delta").mode("append").save(home.lake.bronze);
}

/**
 * Runs silver-writer's two queries until they have processed all of bronze, then stops them. Its
 * deduplication drops records older than its watermark (Kafka time - ECOM_DEDUP_WINDOW), so feed
 * bronze in Kafka-time order, as bronze-writer does.
 */
export async function runSilverWriter(session: SparkSession, home: TempHome): Promise<void> {
  for (const managed of [silverQuery(home.config, home.lake), quarantineQuery(home.config, home.lake)]) {
    const query = await managed.start(session);
    try {
      await query.processAllAvailable();
      const error = await query.exception();
      if (error) throw new Error(`${managed.name} failed: ${error.message}`);
    } finally {
      await query.stop();
    }
  }
}

/** silver-writer's queries as the bronze consumers lake operations check. */
export function silverWriterConsumers(home: TempHome): {
  silver: StreamConsumer;
  quarantine: StreamConsumer;
} {
  const of = (name: string) => ({ name, checkpoint: checkpointOf(home.config.checkpoints.uri, name) });
  return { silver: of(silverQueryName), quarantine: of(quarantineQueryName) };
}

/** What a table holds, read as every batch reader reads it. */
export async function tableSummary(session: SparkSession, store: LakeStore, spec: LayerSpec, id: string) {
  const { frame } = await readTable(session, store, spec);
  if (!frame) return { rows: 0, distinct: 0, ids: [] as string[] };
  const rows = await frame.selectExpr(`CAST(${id} AS STRING) AS id`).collect();
  const ids = rows.map((r) => String(r.id)).sort();
  return { rows: ids.length, distinct: new Set(ids).size, ids };
}

export const specsOf = (home: TempHome) => layerSpecs(home.lake);
