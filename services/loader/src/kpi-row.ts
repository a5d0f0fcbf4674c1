import { kpiMinuteColumns } from "@ecomstream/contracts";
import { InvalidKpiRowError } from "./errors.js";

/** One kpi_minute row on its way to Postgres. Timestamps are epoch milliseconds. */
export interface KpiRow {
  /** The contract's kpi_minute columns by name (window_start, window_end, counts, ratios). */
  values: Record<string, number | null>;
  isFinal: boolean;
  updatedAtMs: number;
  /** The newest event time the row holds (the provisional stream's `max_event_ts`); null when not given. */
  maxEventTsMs: number | null;
}

export const windowStartMs = (row: KpiRow): number => row.values.window_start as number;
export const windowEndMs = (row: KpiRow): number => row.values.window_end as number;

function timestampMs(value: unknown, name: string): number {
  const ms =
    value instanceof Date ? value.getTime() : typeof value === "string" ? Date.parse(value) : Number.NaN;
  if (!Number.isFinite(ms)) throw new InvalidKpiRowError(`${name} is not a timestamp (${String(value)})`);
  return ms;
}

function numberOrNull(value: unknown, name: string, nullable: boolean): number | null {
  if (value === null || value === undefined) {
    if (nullable) return null;
    throw new InvalidKpiRowError(`${name} is missing`);
  }
  const n = typeof value === "bigint" ? Number(value) : value;
  if (typeof n !== "number" || !Number.isFinite(n)) throw new InvalidKpiRowError(`${name} is not a number`);
  return n;
}

/** A count: a non-negative integer Postgres' int8 and JSON both hold exactly. */
function countOf(value: unknown, name: string): number {
  const n = numberOrNull(value, name, false) as number;
  if (!Number.isSafeInteger(n) || n < 0) throw new InvalidKpiRowError(`${name} is not a count (${n})`);
  return n;
}

/**
 * Maps a plain object with the kpi_minute columns, is_final, updated_at and optionally
 * max_event_ts (JSON or a Spark row). Non-finite numbers (Infinity, NaN) and counts that are not
 * non-negative integers are refused: such a row is skipped, never loaded.
 */
export function kpiRowFromObject(source: Record<string, unknown>): KpiRow {
  const values: Record<string, number | null> = {};
  for (const column of kpiMinuteColumns) {
    const value = source[column.name];
    values[column.name] =
      column.type === "timestamp"
        ? timestampMs(value, column.name)
        : column.type === "bigint"
          ? countOf(value, column.name)
          : numberOrNull(value, column.name, column.nullable);
  }
  if (typeof source.is_final !== "boolean") throw new InvalidKpiRowError("is_final is not a boolean");
  const row: KpiRow = {
    values,
    isFinal: source.is_final,
    updatedAtMs: timestampMs(source.updated_at, "updated_at"),
    // optional: final gold rows and records of earlier writers do not carry it
    maxEventTsMs:
      source.max_event_ts === undefined || source.max_event_ts === null
        ? null
        : timestampMs(source.max_event_ts, "max_event_ts"),
  };
  if (windowEndMs(row) <= windowStartMs(row))
    throw new InvalidKpiRowError("window_end is not after window_start");
  return row;
}

/** A provisional record of the KPI topic (value = JSON of the columns + is_final + updated_at [+ max_event_ts]). */
export function kpiRowFromJson(text: string): KpiRow {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new InvalidKpiRowError("value is not JSON");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
    throw new InvalidKpiRowError("value is not a JSON object");
  return kpiRowFromObject(parsed as Record<string, unknown>);
}

/**
 * Keeps one row per window_start, the one with the newest updated_at (final wins a tie): one
 * INSERT ... ON CONFLICT may not touch the same key twice.
 */
export function newestPerWindow(rows: readonly KpiRow[]): KpiRow[] {
  const byWindow = new Map<number, KpiRow>();
  for (const row of rows) {
    const held = byWindow.get(windowStartMs(row));
    const newer =
      !held ||
      row.updatedAtMs > held.updatedAtMs ||
      (row.updatedAtMs === held.updatedAtMs && row.isFinal && !held.isFinal);
    if (newer) byWindow.set(windowStartMs(row), row);
  }
  return [...byWindow.values()].sort((a, b) => windowStartMs(a) - windowStartMs(b));
}
