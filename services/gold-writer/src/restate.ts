import {
  kpiDimMinuteColumns,
  kpiMinuteColumns,
  productHourColumns,
  sparkKpiDimMinuteSql,
  sparkKpiMinuteSql,
  sparkProductHourSql,
} from "@ecomstream/contracts";
import {
  commitVersions,
  ensureDeltaTable,
  isConcurrentCommit,
  type LakeStore,
  readTable,
} from "@ecomstream/lake";
import {
  goldTableSpecs,
  type HourKey,
  hourKey,
  hoursPredicate,
  type LakeLayout,
  type LayerSpec,
  layerSpecs,
} from "@ecomstream/lake-model";
import { durationMs } from "@ecomstream/runtime";
import type { SparkSession } from "@ecomstream/spark-connect";
import { replaceSessions, type SessionsRestatement } from "./restate-sessions.js";

export interface RestateOptions {
  /** Gold's watermark: a minute is final once its end is this far in the past (default 1 minute). */
  watermarkMs?: number;
  /** The compute time (default now); is_final and updated_at derive from it. */
  nowMs?: number;
  /** Tries when another writer (gold-writer, a replay) commits to the same hours first (default 5). */
  attempts?: number;
  /** The sessions' gap as a Spark interval (`ECOM_SESSION_GAP`, default 30 minutes). */
  sessionGap?: string;
}

export interface RestatementResult {
  /** Hours written (every hour of silver when restating all). */
  hours: HourKey[];
  /**
   * Restated hours holding non-final minutes -> when the next of them closes (epoch ms); also
   * silver hours holding a provisional session's last event -> when its sessions become final
   * (the earlier of the two).
   */
  pending: Record<string, number>;
  /** session_start hours of gold sessions rewritten (a session may start before the hours restated). */
  sessionHours: HourKey[];
  rows: number;
  nowMs: number;
}

const sourceView = "ecom_gold_restate_source";
const silverView = "ecom_gold_restate_silver";
const writtenView = "ecom_gold_restate_written";
const computedView = "ecom_gold_restate_computed";

/**
 * Recomputes gold kpi_minute for `hours` of silver (every hour when omitted) in batch, with exact
 * distinct counts, from one snapshot of silver, and replaces exactly those hours of the Delta table
 * `lake.gold` in one commit (`replaceWhere`; the whole table when restating all): a reader sees
 * the hours before or after, never a mix, and an hour silver no longer holds leaves gold too.
 * A minute is final when window_end <= now - watermark. Idempotent: the same silver gives the
 * same rows (updated_at aside).
 */
export async function restateGold(
  session: SparkSession,
  lake: LakeLayout,
  store: LakeStore,
  hours?: readonly HourKey[],
  options: RestateOptions = {},
): Promise<RestatementResult> {
  const nowMs = options.nowMs ?? Date.now();
  const watermarkMs = options.watermarkMs ?? 60_000;
  const empty: RestatementResult = { hours: [], pending: {}, sessionHours: [], rows: 0, nowMs };
  if (hours?.length === 0) return empty;
  const scope = hours ? hoursPredicate(hours) : "TRUE";
  const gap = options.sessionGap ?? "30 minutes";
  const at = { scope, hours, nowMs, watermarkMs, attempts: options.attempts ?? 5, gap };
  const sessions = await replaceGold(session, lake, store, at);
  if (!sessions) return empty;
  const summary = await writtenSummary(session, store, lake, scope, nowMs, watermarkMs);
  const pending = { ...summary.pending };
  for (const [key, due] of Object.entries(sessions.pending))
    pending[key] = Math.min(pending[key] ?? due, due);
  return { ...summary, pending, sessionHours: sessions.hours, nowMs };
}

interface GoldScope {
  /** Spark predicate of the silver hours restated (`TRUE` for every hour). */
  scope: string;
  hours: readonly HourKey[] | undefined;
  nowMs: number;
  watermarkMs: number;
  attempts: number;
  /** The sessions' gap (a Spark interval). */
  gap: string;
}

/**
 * Runs a gold table's replacement again when it loses its commit to another writer of gold
 * (gold-writer's loop and a replay both restate): the same rows from the same silver snapshot,
 * after a random pause so two writers that collided do not collide again in step. The writer
 * that commits last wins; the other one's later pass sees any newer silver commit and restates.
 */
async function retryLostCommit(write: () => Promise<void>, attempts: number): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      if (!isConcurrentCommit(error) || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250 + Math.random() * 750 * attempt));
    }
  }
}

/**
 * Computes gold for `scope` of silver's newest snapshot and replaces it; undefined when silver has
 * no table, else what the sessions' replacement wrote.
 */
async function replaceGold(
  session: SparkSession,
  lake: LakeLayout,
  store: LakeStore,
  { scope, hours, nowMs, watermarkMs, attempts, gap }: GoldScope,
): Promise<SessionsRestatement | undefined> {
  const someHours = hours !== undefined;
  const specs = layerSpecs(lake);
  // Every gold table of this restatement from one snapshot of silver: its newest version, pinned.
  const version = (await commitVersions(store, specs.silver.uri)).at(-1);
  const { frame: silver } = await readTable(
    session,
    store,
    specs.silver,
    version === undefined ? {} : { version },
  );
  if (!silver) return undefined;
  await ensureDeltaTable(session, store, specs.gold);
  await silver.filter(scope).createOrReplaceTempView(sourceView);
  // Sessions reach past the restated hours by the gap: they read the same snapshot around them.
  await silver.createOrReplaceTempView(silverView);
  const kpiMinute = async () => {
    const computed = await session.sql(sparkKpiMinuteSql(sourceView, { exactDistinct: true }));
    // One file per hour partition: gold stays a handful of files without compaction.
    await computed
      .selectExpr(
        ...kpiMinuteColumns.map((c) => c.name),
        `window_end <= timestamp_millis(${nowMs - watermarkMs}) AS is_final`,
        `timestamp_millis(${nowMs}) AS updated_at`,
        "event_date",
        "hour",
      )
      .createOrReplaceTempView(computedView);
    const writer = (await session.sql(`SELECT * FROM ${computedView} DISTRIBUTE BY event_date, hour`)).write
      .format("delta")
      .mode("overwrite")
      .partitionBy("event_date", "hour");
    await (someHours ? writer.option("replaceWhere", scope) : writer).save(lake.gold);
  };
  const retried = (write: () => Promise<void>) => retryLostCommit(write, attempts);
  // The breakdowns and sessions beside kpi_minute: the same silver snapshot, a commit each, all
  // four written at once (small jobs: their scheduling and Delta commits overlap). Every write is
  // waited for before a failure is thrown, so a retry never races this attempt's writes.
  const tables = goldTableSpecs(lake);
  const at = { scope, someHours, nowMs, watermarkMs };
  const gapMs = durationMs(gap);
  let sessions: SessionsRestatement = { hours: [], pending: {} };
  const settled = await Promise.allSettled([
    retried(kpiMinute),
    retried(() =>
      replaceGoldTable(
        session,
        store,
        tables.kpi_dim_minute,
        sparkKpiDimMinuteSql(sourceView),
        kpiDimMinuteColumns,
        at,
      ),
    ),
    retried(() =>
      replaceGoldTable(
        session,
        store,
        tables.product_hour,
        sparkProductHourSql(sourceView),
        productHourColumns,
        at,
      ),
    ),
    retried(async () => {
      sessions = await replaceSessions(session, store, tables.sessions, silverView, {
        hours,
        gap,
        gapMs,
        nowMs,
      });
    }),
  ]);
  const failed = settled.find((r): r is PromiseRejectedResult => r.status === "rejected");
  if (failed) throw failed.reason;
  return sessions;
}

/**
 * Replaces `scope` of a gold table beside kpi_minute with `sql`'s rows over the restatement's silver
 * view, in one commit, as kpi_minute is replaced: a row is final once its window ended a watermark ago.
 */
async function replaceGoldTable(
  session: SparkSession,
  store: LakeStore,
  spec: LayerSpec,
  sql: string,
  columnsOf: readonly { name: string }[],
  at: { scope: string; someHours: boolean; nowMs: number; watermarkMs: number },
): Promise<void> {
  await ensureDeltaTable(session, store, spec);
  const columns = [
    ...columnsOf.map((c) => c.name),
    `window_end <= timestamp_millis(${at.nowMs - at.watermarkMs}) AS is_final`,
    `timestamp_millis(${at.nowMs}) AS updated_at`,
    "event_date",
    "hour",
  ];
  // No temp view of its own: the three writes of a restatement run at once in one session.
  const writer = (
    await session.sql(`SELECT ${columns.join(", ")} FROM (${sql}) DISTRIBUTE BY event_date, hour`)
  ).write
    .format("delta")
    .mode("overwrite")
    .partitionBy("event_date", "hour");
  await (at.someHours ? writer.option("replaceWhere", at.scope) : writer).save(spec.uri);
}

/** Reads back what this restatement wrote: per hour, its minutes and the next close time. */
async function writtenSummary(
  session: SparkSession,
  store: LakeStore,
  lake: LakeLayout,
  scope: string,
  nowMs: number,
  watermarkMs: number,
): Promise<Omit<RestatementResult, "nowMs" | "sessionHours">> {
  const { frame } = await readTable(session, store, layerSpecs(lake).gold, {
    filter: `(${scope}) AND updated_at = timestamp_millis(${nowMs})`,
  });
  if (!frame) return { hours: [], pending: {}, rows: 0 };
  await frame.createOrReplaceTempView(writtenView);
  const rows = await (
    await session.sql(
      "SELECT CAST(event_date AS STRING) AS event_date, hour, count(*) AS minutes, " +
        `unix_millis(min(CASE WHEN NOT is_final THEN window_end END)) AS next_close FROM ${writtenView} ` +
        "GROUP BY 1, 2 ORDER BY 1, 2",
    )
  ).collect();
  const hours = rows.map((r) => ({ date: String(r.event_date), hour: Number(r.hour) }));
  const pending: Record<string, number> = {};
  rows.forEach((r, i) => {
    if (r.next_close !== null) pending[hourKey(hours[i]!)] = Number(r.next_close) + watermarkMs;
  });
  return { hours, pending, rows: rows.reduce((n, r) => n + Number(r.minutes), 0) };
}
