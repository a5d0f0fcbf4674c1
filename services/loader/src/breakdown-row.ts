import { type GoldColumn, kpiDimMinuteColumns, productHourColumns } from "@ecomstream/contracts";
import type { GoldTableName } from "@ecomstream/lake-model";
import { EcomError, errorCodes } from "@ecomstream/runtime";

/** A gold breakdown row (kpi_dim_minute, product_hour) that does not match its table; skipped, never loaded. */
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
};

/** Each breakdown table's key in serving (its primary key). */
export const breakdownKeys: Record<GoldTableName, readonly string[]> = {
  kpi_dim_minute: ["dimension", "window_start", "dimension_value"],
  product_hour: ["window_start", "product_id"],
};

/** One breakdown row on its way to Postgres. Timestamps are epoch milliseconds. */
export interface BreakdownRow {
  values: Record<string, number | string | null>;
  isFinal: boolean;
  updatedAtMs: number;
}

export const rowWindowStartMs = (row: BreakdownRow): number => row.values.window_start as number;

/** The start of the UTC hour a row's window starts in: the unit gold restates. */
export const rowHourMs = (row: BreakdownRow): number => {
  const ms = rowWindowStartMs(row);
  return ms - (((ms % 3_600_000) + 3_600_000) % 3_600_000);
};

function timestampMs(value: unknown): number {
  return value instanceof Date ? value.getTime() : typeof value === "string" ? Date.parse(value) : Number.NaN;
}

/**
 * Maps a Spark row of `table` (its columns, is_final, updated_at). Refused (thrown): a missing
 * non-nullable value, a count that is not a non-negative safe integer, a non-finite number, an
 * empty text, a window that does not end after it starts.
 */
export function breakdownRowFromObject(table: GoldTableName, source: Record<string, unknown>): BreakdownRow {
  const fail = (message: string) => new InvalidBreakdownRowError(table, message);
  const values: Record<string, number | string | null> = {};
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
  if ((values.window_end as number) <= (values.window_start as number))
    throw fail("window_end is not after window_start");
  return { values, isFinal: source.is_final, updatedAtMs };
}
