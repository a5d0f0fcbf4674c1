import { sessionColumns, sparkSessionsSql } from "@ecomstream/contracts";
import { ensureDeltaTable, type LakeStore, readTable } from "@ecomstream/lake";
import {
  type HourKey,
  hourKey,
  hourOf,
  hourStartMs,
  hoursPredicate,
  type LayerSpec,
  uniqueHours,
} from "@ecomstream/lake-model";
import type { SparkSession } from "@ecomstream/spark-connect";

const hourMs = 3_600_000;
const oldView = "ecom_gold_sessions_before";
const writtenView = "ecom_gold_sessions_written";

export interface SessionsScope {
  /** Silver event hours restated; undefined = every hour (the whole table is rewritten). */
  hours: readonly HourKey[] | undefined;
  /** The session gap as a Spark interval (`ECOM_SESSION_GAP`) and in ms. */
  gap: string;
  gapMs: number;
  nowMs: number;
}

export interface SessionsRestatement {
  /** session_start hours rewritten. */
  hours: HourKey[];
  /**
   * Silver hours holding a provisional session's last event -> when every such session of that
   * hour has become final (its last session_end + gap, epoch ms).
   */
  pending: Record<string, number>;
}

/** Every hour partition from the one holding `fromMs` to the one holding `toMs`. */
function hoursBetween(fromMs: number, toMs: number): HourKey[] {
  const hours: HourKey[] = [];
  for (let t = hourStartMs(hourOf(fromMs)); t <= toMs; t += hourMs) hours.push(hourOf(t));
  return hours;
}

/**
 * Which session_start hours a restatement of silver hours H must rewrite, and the span of silver
 * that computes them exactly. A session belongs to one session_id, and silver changes only in H,
 * so a session changes only when an event in H lies within the gap of it: every such old session
 * overlaps [h - gap, h + 1 hour + gap] of some h in H, and the old gold table (exact for silver
 * before these commits) names them. Two old sessions never merge except through an event in H,
 * so no chain reaches further; and an old session split by an event gone from H leaves pieces
 * that start within its span. The hours P to rewrite are H plus every hour those old sessions
 * span. Each hour of P is rewritten whole, so silver is read from P's first hour - gap (a session
 * first seen after that much silence truly starts there) to the last end of any old session
 * starting in P (or H's end) + gap. Two small aggregates over the old table answer this.
 */
async function sessionsToRewrite(
  session: SparkSession,
  store: LakeStore,
  spec: LayerSpec,
  hours: readonly HourKey[],
  gapMs: number,
): Promise<{ hours: HourKey[]; fromMs: number; toMs: number }> {
  const windows = uniqueHours(hours).map((h) => [hourStartMs(h) - gapMs, hourStartMs(h) + hourMs + gapMs]);
  const lastMs = Math.max(...windows.map(([, to]) => to!));
  const overlaps = windows
    .map(
      ([from, to]) =>
        `(session_end >= timestamp_millis(${from}) AND session_start <= timestamp_millis(${to}))`,
    )
    .join(" OR ");
  const rewrite = [...hours];
  let lastEndMs = lastMs - gapMs;
  const { frame } = await readTable(session, store, spec);
  if (frame) {
    await frame.createOrReplaceTempView(oldView);
    // Partition pruning: no session overlapping a window starts after the last window's end.
    const hits = await (
      await session.sql(
        "SELECT unix_millis(min(session_start)) AS start_ms, unix_millis(max(session_end)) AS end_ms " +
          `FROM ${oldView} WHERE ${upToHour(hourOf(lastMs))} AND (${overlaps}) ` +
          "GROUP BY event_date, hour",
      )
    ).collect();
    for (const r of hits) rewrite.push(...hoursBetween(Number(r.start_ms), Number(r.end_ms)));
    const [last] = await (
      await session.sql(
        `SELECT unix_millis(max(session_end)) AS end_ms FROM ${oldView} WHERE ${hoursPredicate(rewrite)}`,
      )
    ).collect();
    if (last?.end_ms !== null && last?.end_ms !== undefined)
      lastEndMs = Math.max(lastEndMs, Number(last.end_ms));
  }
  const written = uniqueHours(rewrite);
  return { hours: written, fromMs: hourStartMs(written[0]!) - gapMs, toMs: lastEndMs + gapMs };
}

/** Spark predicate on the partition columns: the hour partition is `at` or before it. */
const upToHour = (at: HourKey) =>
  `(event_date < DATE'${at.date}' OR (event_date = DATE'${at.date}' AND hour <= ${at.hour}))`;

/**
 * Replaces gold sessions for a restatement of silver hours (every hour when `scope.hours` is
 * undefined) from the restatement's pinned silver view `silverView`, in one commit (replaceWhere
 * on the session_start hours that could change; see `sessionsToRewrite`).
 *
 * A session is final once the gap has passed since its last event as of the restatement's clock;
 * before that it is provisional. Provisional sessions must be restated again even when no event
 * comes, so the result names, per silver hour holding a provisional session's last event, when
 * the last of them becomes final: the loop keeps it among its pending hours and restates that
 * hour then (restating silver hour h rewrites every session overlapping h's gap window). One
 * restatement per such hour, at most an hour plus the gap after it began, instead of one per
 * session: a session may stay provisional a little after its gap has passed, never final early.
 */
export async function replaceSessions(
  session: SparkSession,
  store: LakeStore,
  spec: LayerSpec,
  silverView: string,
  scope: SessionsScope,
): Promise<SessionsRestatement> {
  await ensureDeltaTable(session, store, spec);
  let source = silverView;
  let replace: string | undefined;
  let hours: HourKey[] = [];
  if (scope.hours) {
    if (scope.hours.length === 0) return { hours: [], pending: {} };
    const target = await sessionsToRewrite(session, store, spec, scope.hours, scope.gapMs);
    hours = target.hours;
    replace = hoursPredicate(hours);
    const read = hoursPredicate(hoursBetween(target.fromMs, target.toMs));
    source =
      `(SELECT * FROM ${silverView} WHERE (${read}) AND event_ts >= timestamp_millis(${target.fromMs}) ` +
      `AND event_ts <= timestamp_millis(${target.toMs}))`;
  }
  const computed = sparkSessionsSql(source, { gap: scope.gap, nowMs: scope.nowMs });
  const columns = [
    ...sessionColumns.map((c) => c.name),
    "is_final",
    `timestamp_millis(${scope.nowMs}) AS updated_at`,
    "event_date",
    "hour",
  ];
  // Sessions read around P may start outside it (they are unchanged there): only P's are written.
  const kept = replace ? `WHERE ${replace}` : "";
  const writer = (
    await session.sql(
      `SELECT ${columns.join(", ")} FROM (${computed}) ${kept} DISTRIBUTE BY event_date, hour`,
    )
  ).write
    .format("delta")
    .mode("overwrite")
    .partitionBy("event_date", "hour");
  await (replace ? writer.option("replaceWhere", replace) : writer).save(spec.uri);
  return writtenSessions(session, store, spec, replace ?? "TRUE", scope, hours);
}

/**
 * Reads back what this restatement wrote: the session_start hours (asked only when restating all)
 * and, per silver hour of a provisional session's last event, when the last of them becomes final.
 */
async function writtenSessions(
  session: SparkSession,
  store: LakeStore,
  spec: LayerSpec,
  replace: string,
  scope: SessionsScope,
  hours: HourKey[],
): Promise<SessionsRestatement> {
  const { frame } = await readTable(session, store, spec, {
    filter: `(${replace}) AND updated_at = timestamp_millis(${scope.nowMs})`,
  });
  if (!frame) return { hours, pending: {} };
  await frame.createOrReplaceTempView(writtenView);
  const u = "unix_micros(session_end)";
  const pendingRows = await (
    await session.sql(
      `SELECT unix_millis(max(session_end)) AS end_ms FROM ${writtenView} WHERE NOT is_final ` +
        `GROUP BY ${u} - pmod(${u}, ${hourMs * 1000})`,
    )
  ).collect();
  const pending: Record<string, number> = {};
  for (const r of pendingRows) pending[hourKey(hourOf(Number(r.end_ms)))] = Number(r.end_ms) + scope.gapMs;
  if (scope.hours) return { hours, pending };
  const all = await (
    await session.sql(`SELECT DISTINCT CAST(event_date AS STRING) AS event_date, hour FROM ${writtenView}`)
  ).collect();
  return {
    hours: uniqueHours(all.map((r) => ({ date: String(r.event_date), hour: Number(r.hour) }))),
    pending,
  };
}
