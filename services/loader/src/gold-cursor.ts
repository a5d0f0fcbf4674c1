import type { KpiRow } from "./kpi-row.js";

/** The loader's position in gold, kept in serving.service_state beside the rows it loaded. */
export interface GoldCursor {
  version: 1;
  /** The newest gold updated_at loaded (epoch ms). */
  updatedAtMs: number;
}

/**
 * The cursor's name in serving.service_state, per lake: a database that once served another lake
 * (another home, a test platform) reads this one's gold from the start rather than skip it.
 */
export const goldCursorName = (goldPath: string) => `loader.gold@${goldPath}`;

/**
 * Each read looks this far behind the cursor. Each restatement is one Delta commit, but the gold
 * writer and a replay stamp updated_at with their own clocks when they compute, so a commit landing
 * later may carry an updated_at slightly older than the newest loaded; the overlap re-reads such
 * rows, and the upsert rules make rows already loaded a no-op.
 */
export const goldOverlapMs = 120_000;

/** The updated_at rows must exceed to be read; null reads all of gold. */
export function goldReadAfterMs(cursor: GoldCursor | undefined, overlapMs = goldOverlapMs): number | null {
  return cursor ? cursor.updatedAtMs - overlapMs : null;
}

/** Spark predicate of a read. */
export function goldFilter(afterMs: number | null): string {
  return afterMs === null ? "TRUE" : `updated_at > timestamp_millis(${Math.trunc(afterMs)})`;
}

/** The cursor after loading `rows` (and skipping rows updated at `skippedMs`): never moves back. */
export function advanceGoldCursor(
  cursor: GoldCursor | undefined,
  rows: readonly KpiRow[],
  skippedMs: readonly number[] = [],
): GoldCursor | undefined {
  const newest = Math.max(
    rows.reduce((max, row) => Math.max(max, row.updatedAtMs), cursor?.updatedAtMs ?? -Infinity),
    ...skippedMs,
  );
  return Number.isFinite(newest) ? { version: 1, updatedAtMs: newest } : cursor;
}

/** A stored cursor, or undefined when absent or of another shape (then gold is read whole, harmlessly). */
export function parseGoldCursor(value: unknown): GoldCursor | undefined {
  const v = value as Partial<GoldCursor> | null | undefined;
  return v?.version === 1 && typeof v.updatedAtMs === "number" && Number.isFinite(v.updatedAtMs)
    ? { version: 1, updatedAtMs: v.updatedAtMs }
    : undefined;
}
