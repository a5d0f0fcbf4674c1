import type { HourKey, LayerSpec } from "@ecomstream/lake-model";
import type { SparkSession } from "@ecomstream/spark-connect";
import { readCommit } from "./delta-commit.js";
import { commitVersions, deltaPath } from "./delta-table.js";
import { silverSelect, storedVerdicts } from "./judge.js";
import { hoursIn, isConcurrentCommit } from "./replace-hours.js";
import type { LakeStore } from "./store.js";
import { type StreamConsumer, StreamProgressError, streamProgress } from "./stream-progress.js";
import { readTable } from "./table-reader.js";

/** How far first-copy settling has looked: bronze commits and the silver commits that hold them. */
export interface FirstCopyCursor {
  /** Every valid record of bronze commits up to this version has been checked (-1: none). */
  bronzeVersion: number;
  /** Silver's version when it held exactly those bronze commits (-1: none). */
  silverVersion: number;
}

export interface FirstCopyPass {
  cursor: FirstCopyCursor;
  /** Valid bronze records of the new commits that silver's stream dropped as duplicates. */
  dropped: number;
  /** Silver rows replaced by an earlier copy of their event. */
  replaced: number;
  /** Why nothing was checked this time (silver's stream not started, or midway through a commit). */
  waiting?: string;
}

export interface FirstCopyOptions {
  /** silver-writer's query writing silver from bronze. */
  consumer: StreamConsumer;
  /** ECOM_DEDUP_WINDOW in ms: a dropped copy's kept twin was ingested at most this long before it. */
  dedupWindowMs: number;
  /** Tries of the MERGE when another writer of silver commits first (default 4). */
  attempts?: number;
}

let viewCounter = 0;
const view = (name: string) => `ecom_first_copy_${name}_${process.pid}_${viewCounter++}`;
const coordinates = ["topic", "partition", "offset"] as const;
const sameCoordinates = (a: string, b: string) =>
  coordinates.map((c) => `${a}.${c} = ${b}.${c}`).join(" AND ");

/** Rows a Delta table's commits (after, upTo] inserted (its change data feed), as a view; undefined when none. */
async function insertedRows(
  session: SparkSession,
  uri: string,
  after: number,
  upTo: number,
): Promise<string | undefined> {
  if (upTo <= after) return undefined;
  const name = view("inserted");
  await session.read
    .format("delta")
    .option("readChangeFeed", "true")
    .option("startingVersion", after + 1)
    .option("endingVersion", upTo)
    .load(uri)
    .filter("_change_type = 'insert'")
    .createOrReplaceTempView(name);
  return name;
}

/** A commit's time and the hours its files went to; commits never change, so read each once. */
interface CommitHours {
  timestampMs: number;
  hours: HourKey[];
}

const commitHoursCache = new Map<string, CommitHours>();

async function commitHours(
  store: LakeStore,
  silver: LayerSpec,
  version: number,
): Promise<CommitHours | undefined> {
  const key = `${silver.uri}@${version}`;
  const cached = commitHoursCache.get(key);
  if (cached) return cached;
  const commit = await readCommit(store, silver.uri, version);
  if (!commit) return undefined;
  const hours = new Map<string, HourKey>();
  for (const file of commit.adds) {
    const date = file.partitionValues[silver.dateColumn];
    const hour = Number(file.partitionValues.hour);
    if (date && Number.isInteger(hour)) hours.set(`${date}/${hour}`, { date, hour });
  }
  const entry = { timestampMs: commit.timestampMs, hours: [...hours.values()] };
  commitHoursCache.set(key, entry);
  return entry;
}

/**
 * Hour partitions of silver that commits made at or after `sinceMs` added files to (any operation).
 * Each commit is read once per process; entries older than `sinceMs` are dropped (`sinceMs` only
 * moves forward as the stream goes on).
 */
async function hoursWrittenSince(store: LakeStore, silver: LayerSpec, sinceMs: number): Promise<HourKey[]> {
  const hours = new Map<string, HourKey>();
  for (const version of (await commitVersions(store, silver.uri)).reverse()) {
    const commit = await commitHours(store, silver, version);
    if (!commit) break;
    for (const h of commit.hours) hours.set(`${h.date}/${h.hour}`, h);
    if (commit.timestampMs < sinceMs) break;
  }
  for (const [key, entry] of commitHoursCache)
    if (key.startsWith(`${silver.uri}@`) && entry.timestampMs < sinceMs - 3_600_000)
      commitHoursCache.delete(key);
  return [...hours.values()];
}

/**
 * Makes silver keep the first copy of each event, as the contract says (smallest Kafka timestamp,
 * then partition, then offset) and as replay picks it, whether the copies came in one micro-batch
 * or several. Silver's stream drops copies within the dedup window but keeps whichever it met
 * first (Spark's read order inside a batch; arrival order across batches). This pass reads the
 * bronze commits the stream has processed since `cursor` (bronze's change data feed), takes those
 * silver did not insert, judges them with the contract's SQL to find the valid copies the stream
 * dropped, and where one is earlier than the copy silver kept, replaces the kept row with it in
 * one MERGE (same row count: bronze = silver + quarantine + dropped duplicates still holds). An event with several kept
 * copies (ingested further apart than the window) is left as reconcile reports it. Idempotent:
 * a second pass over the same commits replaces nothing.
 */
export async function settleFirstCopies(
  session: SparkSession,
  store: LakeStore,
  tables: { bronze: LayerSpec; silver: LayerSpec },
  cursor: FirstCopyCursor,
  options: FirstCopyOptions,
): Promise<FirstCopyPass> {
  let progress: Awaited<ReturnType<typeof streamProgress>>;
  try {
    progress = await streamProgress(store, options.consumer, tables.bronze.uri, tables.silver.uri);
  } catch (error) {
    if (error instanceof StreamProgressError) {
      return { cursor, dropped: 0, replaced: 0, waiting: error.message };
    }
    throw error;
  }
  const next = { bronzeVersion: progress.sourceVersion, silverVersion: progress.sinkVersion };
  const bronzeRows = await insertedRows(session, tables.bronze.uri, cursor.bronzeVersion, next.bronzeVersion);
  if (!bronzeRows)
    return { cursor: { ...cursor, silverVersion: next.silverVersion }, dropped: 0, replaced: 0 };

  // Only records silver did not take are looked at (duplicates dropped, invalid ones), with the
  // verdict bronze stored: silver's inserted rows are matched on coordinates.
  const silverRows = await insertedRows(session, tables.silver.uri, cursor.silverVersion, next.silverVersion);
  const notInSilver = view("not_in_silver");
  await (
    await session.sql(
      silverRows
        ? `SELECT b.* FROM ${bronzeRows} b LEFT ANTI JOIN ${silverRows} s ON ${sameCoordinates("b", "s")}`
        : `SELECT * FROM ${bronzeRows}`,
    )
  ).createOrReplaceTempView(notInSilver);
  const dropped = view("dropped");
  await (await storedVerdicts(session, notInSilver))
    .filter("reason IS NULL")
    .selectExpr(...silverSelect, "ingest_ts")
    .createOrReplaceTempView(dropped);
  const [summary] = await (
    await session.sql(`SELECT count(*) AS n, unix_millis(min(ingest_ts)) AS since FROM ${dropped}`)
  ).collect();
  const droppedCount = Number(summary?.n ?? 0);
  if (droppedCount === 0) return { cursor: next, dropped: 0, replaced: 0 };

  // the copy silver kept of a dropped one was written at most a dedup window before it
  const hours = await hoursWrittenSince(
    store,
    tables.silver,
    Number(summary?.since) - options.dedupWindowMs - 600_000,
  );
  const kept = view("kept");
  const { frame } = await readTable(session, store, tables.silver, { filter: hoursIn(hours, "event_date") });
  if (!frame || hours.length === 0) return { cursor: next, dropped: droppedCount, replaced: 0 };
  await frame.createOrReplaceTempView(kept);

  const fixes = view("fixes");
  const columns = silverSelect.join(", ");
  await (
    await session.sql(
      `WITH k AS (SELECT ${columns} FROM ${kept} WHERE event_id IN (SELECT event_id FROM ${dropped})), ` +
        "once AS (SELECT event_id FROM k GROUP BY event_id HAVING count(*) = 1), " +
        `copies AS (SELECT ${columns}, 1 AS in_silver FROM k UNION ALL ` +
        `SELECT ${columns}, 0 AS in_silver FROM ${dropped} WHERE event_id IN (SELECT event_id FROM once)), ` +
        "firsts AS (SELECT * FROM (SELECT *, row_number() OVER (PARTITION BY event_id " +
        "ORDER BY kafka_timestamp, partition, offset, in_silver DESC) AS __ecom_copy FROM copies) " +
        "WHERE __ecom_copy = 1 AND in_silver = 0) " +
        `SELECT ${silverSelect.map((c) => `f.${c}`).join(", ")}, k.topic AS old_topic, ` +
        "k.partition AS old_partition, k.offset AS old_offset, k.event_date AS old_event_date, " +
        "k.hour AS old_hour FROM firsts f JOIN k ON f.event_id = k.event_id",
    )
  ).createOrReplaceTempView(fixes);
  const oldHours = (
    await (
      await session.sql(`SELECT DISTINCT CAST(old_event_date AS STRING) AS d, old_hour AS h FROM ${fixes}`)
    ).collect()
  ).map((r) => ({ date: String(r.d), hour: Number(r.h) }));
  if (oldHours.length === 0) return { cursor: next, dropped: droppedCount, replaced: 0 };

  const set = silverSelect.map((c) => `t.${c} = s.${c}`).join(", ");
  const merge =
    `MERGE INTO ${deltaPath(tables.silver.uri)} t USING ${fixes} s ON t.event_id = s.event_id AND ` +
    "t.topic = s.old_topic AND t.partition = s.old_partition AND t.offset = s.old_offset AND " +
    `${hoursIn(oldHours, "t.event_date", "t.hour")} WHEN MATCHED THEN UPDATE SET ${set}`;
  const attempts = options.attempts ?? 4;
  for (let attempt = 1; ; attempt++) {
    try {
      const [metrics] = await (await session.sql(merge)).collect();
      return {
        cursor: next,
        dropped: droppedCount,
        replaced: Number(metrics?.num_updated_rows ?? metrics?.num_affected_rows ?? 0),
      };
    } catch (error) {
      if (!isConcurrentCommit(error) || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
    }
  }
}
