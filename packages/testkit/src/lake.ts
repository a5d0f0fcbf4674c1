import { devices, type FieldSpec, fieldTable, sampleWith, validateRecord } from "@ecomstream/contracts";
import {
  type LakeLayout,
  type LayerSpec,
  layerSpecs,
  utcDateHour,
  verdictColumns,
  verdictDdl,
} from "@ecomstream/lake-model";
import type { DataFrame, SparkSession, StreamingQuery } from "@ecomstream/spark-connect";
import type { TempHome } from "./temp-home.js";

/**
 * The lake fixture: Kafka records of a tiny shop, bronze committed the way bronze-writer commits
 * it (a Delta append), and any writer's own streaming queries run until they have read everything.
 * Writers pass their queries in: testkit sits below every service and below the lake package.
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

/** One record per offset on partition 0, value `{"offset":n}`, Kafka time `atMs` + offset seconds. */
export function offsetRecords(
  offsets: readonly number[],
  atMs = Date.parse("2026-11-25T07:00:00Z"),
): KafkaRecord[] {
  return offsets.map((offset) => ({
    value: `{"offset":${offset}}`,
    kafkaMs: atMs + offset * 1000,
    partition: 0,
    offset,
  }));
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

/**
 * Appends records to the lake's bronze table as bronze-writer does: one more Delta commit (the
 * table created first when missing, itself a commit), rows in the order given. Ingest time is the
 * Kafka time, or with `ingestedNow` the time of the commit (as a live bronze-writer stamps it).
 */
export async function appendBronze(
  session: SparkSession,
  lake: LakeLayout,
  topic: string,
  records: readonly KafkaRecord[],
  options: { ingestedNow?: boolean } = {},
): Promise<void> {
  const rows = records.map(
    (r) => `('${hex(r.value)}', timestamp_millis(${r.kafkaMs}), ${r.partition}, CAST(${r.offset} AS BIGINT))`,
  );
  const ingest = options.ingestedNow ? "current_timestamp()" : "kafka_timestamp";
  const df = await session.sql(
    `SELECT CAST(NULL AS STRING) AS key, CAST(unhex(v) AS STRING) AS value, '${topic}' AS topic, ` +
      `CAST(p AS INT) AS partition, o AS offset, kafka_timestamp, ${ingest} AS ingest_ts, ` +
      `${utcDateHour(ingest, "ingest_date", "hour").join(", ")} ` +
      `FROM (VALUES ${rows.join(", ")} AS t(v, kafka_timestamp, p, o))`,
  );
  await createLakeTable(session, layerSpecs(lake).bronze);
  await df.write.format("delta").mode("append").save(lake.bronze);
}

/**
 * A bronze `verdict` value as SQL, planted by a test: `reason` and `field` as given (NULL: a valid
 * verdict), every typed column NULL.
 */
export function plantedVerdictSql(reason: string | null, field: string | null = null): string {
  const literal = (v: string | null) => (v === null ? "NULL" : `'${v}'`);
  const value = (c: string) => (c === "reason" ? literal(reason) : c === "field" ? literal(field) : "NULL");
  return `CAST(named_struct(${verdictColumns.map((c) => `'${c}', ${value(c)}`).join(", ")}) AS ${verdictDdl})`;
}

/**
 * Creates a lake table at its spec path as every lake stage does before it writes or reads
 * (the lake package's `ensureDeltaTable`: schema, partitions, change data feed on).
 */
export async function createLakeTable(session: SparkSession, spec: LayerSpec): Promise<void> {
  const path = `delta.\`${spec.uri.replace(/`/g, "``")}\``;
  const sql =
    `CREATE TABLE IF NOT EXISTS ${path} (${spec.ddl}) USING delta PARTITIONED BY (${spec.dateColumn}, hour) ` +
    `TBLPROPERTIES (${["'delta.enableChangeDataFeed' = 'true'", ...Object.entries(spec.properties ?? {}).map(([k, v]) => `'${k}' = '${v}'`)].join(", ")})`;
  await (await session.sql(sql)).collect();
}

/** A writer's streaming query as its stage starts it (stage's `ManagedQuery`). */
export interface WriterQuery {
  name: string;
  start(session: SparkSession): Promise<StreamingQuery>;
}

/**
 * Runs a writer's queries one after another, each until it has processed everything available,
 * then stops it; a query's failure fails the call. (silver-writer's deduplication drops records
 * older than its watermark, Kafka time - ECOM_DEDUP_WINDOW: feed bronze in Kafka-time order.)
 */
export async function runQueries(session: SparkSession, queries: readonly WriterQuery[]): Promise<void> {
  for (const managed of queries) {
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

/** What a table read holds (`frame` undefined: no table yet): rows, distinct ids, sorted ids. */
export async function idSummary(frame: DataFrame | undefined, id: string) {
  if (!frame) return { rows: 0, distinct: 0, ids: [] as string[] };
  const rows = await frame.selectExpr(`CAST(${id} AS STRING) AS id`).collect();
  const ids = rows.map((r) => String(r.id)).sort();
  return { rows: ids.length, distinct: new Set(ids).size, ids };
}

export const specsOf = (home: TempHome) => layerSpecs(home.lake);
