import { type LakeStore, readTable } from "@ecomstream/lake";
import { type LakeLayout, layerSpecs } from "@ecomstream/lake-model";
import type { SparkSession } from "@ecomstream/spark-connect";
import { sparkTs, unlessMissing } from "@ecomstream/stage";
import { ingestHoursPredicate, type LayerCounts } from "./quality-plan.js";

const minuteExpr = "unix_millis(kafka_timestamp) div 60000 * 60000";

/**
 * Silver files are pruned by their modification time (`_metadata`, as Delta's log records it): a
 * row ingested at t is in a file written after t (minus skew); a compaction's files are newer still.
 */
const fileSkewMs = 10 * 60_000;

type Row = Record<string, unknown>;
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

const views = {
  bronze: "ecom_loader_bronze",
  quarantine: "ecom_loader_quarantine",
  silver: "ecom_loader_silver",
};

/** Reads lake tables as every batch reader does (`readTable`). */
export interface LakeReader {
  session: SparkSession;
  store: LakeStore;
  lake: LakeLayout;
}

/** Registers `layer` (filtered) as a temp view and runs `sql` on it; [] when not written yet. */
async function query(
  reader: LakeReader,
  layer: "bronze" | "silver" | "quarantine",
  filter: string,
  view: string,
  sql: string,
): Promise<Row[]> {
  const { frame } = await readTable(reader.session, reader.store, layerSpecs(reader.lake)[layer], { filter });
  if (!frame) return [];
  return unlessMissing(async () => {
    await frame.createOrReplaceTempView(view);
    return (await (await reader.session.sql(sql)).collect()) as Row[];
  }, []);
}

/** The oldest bronze record's Kafka time (epoch ms), null without bronze. A full scan: first run only. */
export async function oldestBronzeMs(reader: LakeReader): Promise<number | null> {
  const rows = await query(
    reader,
    "bronze",
    "TRUE",
    views.bronze,
    `SELECT unix_millis(min(kafka_timestamp)) AS t FROM ${views.bronze}`,
  );
  return num(rows[0]?.t);
}

export interface LayerScan extends LayerCounts {
  bronzeMaxMs: number | null;
  /** Newest Kafka time silver or quarantine holds (how far silver's queries got). */
  processedMaxMs: number | null;
  /**
   * Bronze records of the span ingested after processedMaxMs, less copies of events silver holds
   * (dropped duplicates): silver's lag in records; 0 when silver has caught up.
   */
  unprocessed: number;
}

/**
 * Per ingest minute in [fromMs, toMs): bronze records, quarantine by reason, silver rows and late
 * silver rows. Bronze and quarantine are pruned by their ingest_date/hour partitions, silver (which
 * is partitioned by event time) by its files' commit time; each layer is read through Spark, so only
 * committed files count. A layer not written yet counts nothing.
 */
export async function scanLayers(
  reader: LakeReader,
  fromMs: number,
  toMs: number,
  watermarkMs: number,
  dedupWindowMs: number,
): Promise<LayerScan> {
  const inRange = `kafka_timestamp >= ${sparkTs(fromMs)} AND kafka_timestamp < ${sparkTs(toMs)}`;
  const hours = ingestHoursPredicate(fromMs, toMs);
  const bronze = await query(
    reader,
    "bronze",
    `(${hours}) AND ${inRange}`,
    views.bronze,
    `SELECT ${minuteExpr} AS minute, count(*) AS n, unix_millis(max(kafka_timestamp)) AS newest ` +
      `FROM ${views.bronze} GROUP BY 1`,
  );
  const quarantine = await query(
    reader,
    "quarantine",
    `(${hours}) AND ${inRange}`,
    views.quarantine,
    `SELECT ${minuteExpr} AS minute, reason, count(*) AS n, unix_millis(max(kafka_timestamp)) AS newest ` +
      `FROM ${views.quarantine} GROUP BY 1, 2`,
  );
  const silver = await query(
    reader,
    "silver",
    `_metadata.file_modification_time >= ${sparkTs(fromMs - fileSkewMs)} AND ${inRange}`,
    views.silver,
    `SELECT ${minuteExpr} AS minute, count(*) AS n, ` +
      `count_if(unix_millis(event_ts) < unix_millis(kafka_timestamp) - ${Math.trunc(watermarkMs)}) AS late, ` +
      `unix_millis(max(kafka_timestamp)) AS newest FROM ${views.silver} GROUP BY 1`,
  );
  const newest = (rows: Row[]) =>
    rows.reduce<number | null>((max, r) => Math.max(max ?? -Infinity, Number(r.newest)), null);
  const processed = [newest(silver), newest(quarantine)].filter((v): v is number => v !== null);
  const processedMaxMs = processed.length ? Math.max(...processed) : null;
  const unprocessed = await countUnprocessed(
    reader,
    `(${hours}) AND ${inRange}` +
      (processedMaxMs === null ? "" : ` AND kafka_timestamp > ${sparkTs(processedMaxMs)}`),
    dedupWindowMs,
  );
  const byReason = new Map<number, Map<string, number>>();
  for (const r of quarantine) {
    const minute = Number(r.minute);
    const reasons = byReason.get(minute) ?? new Map<string, number>();
    reasons.set(String(r.reason), (reasons.get(String(r.reason)) ?? 0) + Number(r.n));
    byReason.set(minute, reasons);
  }
  return {
    bronze: new Map(bronze.map((r) => [Number(r.minute), Number(r.n)])),
    quarantine: byReason,
    silver: new Map(silver.map((r) => [Number(r.minute), { rows: Number(r.n), late: Number(r.late) }])),
    bronzeMaxMs: newest(bronze),
    processedMaxMs,
    unprocessed,
  };
}

/** Above this many candidates the lag is not worth correcting for dropped duplicates. */
const exactLagLimit = 5000;

/**
 * Bronze records matching `after` (those ingested after the newest record silver processed). When
 * there are few, copies of events silver already holds are not counted: silver dropped them as
 * duplicates. Their first copies were ingested at most the dedup window earlier, so silver is
 * pruned to files committed since then.
 */
async function countUnprocessed(reader: LakeReader, after: string, dedupWindowMs: number): Promise<number> {
  const candidates = await query(
    reader,
    "bronze",
    after,
    views.bronze,
    `SELECT count(*) AS n, unix_millis(min(kafka_timestamp)) AS oldest FROM ${views.bronze}`,
  );
  const n = Number(candidates[0]?.n ?? 0);
  if (n === 0 || n > exactLagLimit) return n;
  const since = Number(candidates[0]?.oldest) - dedupWindowMs - fileSkewMs;
  const copies = await query(
    reader,
    "silver",
    `_metadata.file_modification_time >= ${sparkTs(since)}`,
    views.silver,
    `SELECT count(*) AS n FROM ${views.bronze} b LEFT SEMI JOIN ${views.silver} s ` +
      `ON get_json_object(CAST(b.value AS STRING), '$.event_id') = s.event_id`,
  );
  return n - Number(copies[0]?.n ?? 0);
}
