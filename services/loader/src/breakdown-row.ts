import {
  type GoldColumn,
  kpiDimMinuteColumns,
  productHourColumns,
  sessionColumns,
} from "@ecomstream/contracts";
import type { GoldTableName } from "@ecomstream/lake-model";
import { EcomError, errorCodes } from "@ecomstream/runtime";

/** A gold row beside kpi_minute (kpi_dim_minute, product_hour, sessions) that does not match its table; skipped, never loaded. */
export class InvalidBreakdownRowError extends EcomError {
  constructor(table: GoldTableName, message: string) {
    super(errorCodes.usage, `invalid ${table} row: ${message}`, {
      fix: "the producer (gold-writer) and the contract's breakdown columns disagree; fix the producer",
    });
    this.name = "InvalidBreakdownRowError";
  }
}

/** Each breakdown table's contract columns, in order. */
export const breakdownColumns: Record<GoldTableName, readonly GoldColumn[]> = {
  kpi_dim_minute: kpiDimMinuteColumns,
  product_hour: productHourColumns,
  sessions: sessionColumns,
};

/** Each breakdown table's key in serving (its primary key). */
export const breakdownKeys: Record<GoldTableName, readonly string[]> = {
  kpi_dim_minute: ["dimension", "window_start", "dimension_value"],
  product_hour: ["window_start", "product_id"],
  sessions: ["session_id", "session_start"],
};

/**
 * Each table's start and end columns: gold partitions and restates a table by the UTC hour of its
 * start (a session by the hour it started in). A window ends after it starts; a one-event session
 * ends when it starts.
 */
export const breakdownSpans: Record<GoldTableName, { start: string; end: string; mayBeEmpty: boolean }> = {
  kpi_dim_minute: { start: "window_start", end: "window_end", mayBeEmpty: false },
  product_hour: { start: "window_start", end: "window_end", mayBeEmpty: false },
  sessions: { start: "session_start", end: "session_end", mayBeEmpty: true },
};

/** One breakdown row on its way to Postgres. Timestamps are epoch milliseconds. */
export interface BreakdownRow {
  values: Record<string, number | string | boolean | null>;
  isFinal: boolean;
  updatedAtMs: number;
}

export const rowStartMs = (table: GoldTableName, row: BreakdownRow): number =>
  row.values[breakdownSpans[table].start] as number;

/** The start of the UTC hour a row starts in: the unit gold restates. */
export const rowHourMs = (table: GoldTableName, row: BreakdownRow): number => {
  const ms = rowStartMs(table, row);
  return ms - (((ms % 3_600_000) + 3_600_000) % 3_600_000);
};

function timestampMs(value: unknown): number {
  return value instanceof Date ? value.getTime() : typeof value === "string" ? Date.parse(value) : Number.NaN;
}

/**
 * Maps a Spark row of `table` (its columns, is_final, updated_at). Refused (thrown): a missing
 * non-nullable value, a count that is not a non-negative safe integer, a non-finite number, an
 * empty text, a flag that is not a boolean, a window that does not end after it starts (a session
 * that ends before it starts).
 */
export function breakdownRowFromObject(table: GoldTableName, source: Record<string, unknown>): BreakdownRow {
  const fail = (message: string) => new InvalidBreakdownRowError(table, message);
  const values: Record<string, number | string | boolean | null> = {};
  for (const column of breakdownColumns[table]) {
    const value = source[column.name];
    if (value === null || value === undefined) {
      if (!column.nullable) throw fail(`${column.name} is missing`);
      values[column.name] = null;
      continue;
    }
    if (column.type === "string") {
      if (typeof value !== "string" || value === "") throw fail(`${column.name} is not a text`);
      values[column.name] = value;
    } else if (column.type === "boolean") {
      if (typeof value !== "boolean") throw fail(`${column.name} is not a boolean`);
      values[column.name] = value;
    } else if (column.type === "timestamp") {
      const ms = timestampMs(value);
      if (!Number.isFinite(ms)) throw fail(`${column.name} is not a timestamp (${String(value)})`);
      values[column.name] = ms;
    } else {
      const n = typeof value === "bigint" ? Number(value) : value;
      if (typeof n !== "number" || !Number.isFinite(n)) throw fail(`${column.name} is not a number`);
      if (column.type === "bigint" && (!Number.isSafeInteger(n) || n < 0))
        throw fail(`${column.name} is not a count (${n})`);
      values[column.name] = n;
    }
  }
  if (typeof source.is_final !== "boolean") throw fail("is_final is not a boolean");
  const updatedAtMs = timestampMs(source.updated_at);
  if (!Number.isFinite(updatedAtMs)) throw fail("updated_at is not a timestamp");
  const { start, end, mayBeEmpty } = breakdownSpans[table];
  const [startMs, endMs] = [values[start] as number, values[end] as number];
  if (mayBeEmpty ? endMs < startMs : endMs <= startMs)
    throw fail(`${end} is ${mayBeEmpty ? "before" : "not after"} ${start}`);
  return { values, isFinal: source.is_final, updatedAtMs };
}
