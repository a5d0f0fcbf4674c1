import type { GoldTableName } from "@ecomstream/lake-model";
import { type BreakdownRow, breakdownColumns, breakdownKeys } from "./breakdown-row.js";

const pgTypes = {
  timestamp: "timestamptz",
  bigint: "int8",
  double: "float8",
  string: "text",
  boolean: "bool",
} as const;

/** Columns the loader writes into serving.<table>, in order, with their Postgres array element types. */
export function breakdownUpsertColumns(table: GoldTableName): ReadonlyArray<{ name: string; type: string }> {
  return [
    ...breakdownColumns[table].map((c) => ({ name: c.name, type: pgTypes[c.type] })),
    { name: "is_final", type: "bool" },
    { name: "updated_at", type: "timestamptz" },
  ];
}

/**
 * One statement upserting a batch of `table` rows (`INSERT ... SELECT * FROM unnest(...)`): a held
 * row is replaced only by a newer one (a restatement replaces earlier gold, the same gold again
 * changes nothing). Returns one row per key written.
 */
export function breakdownUpsertSql(table: GoldTableName): string {
  const columns = breakdownUpsertColumns(table);
  const keys = breakdownKeys[table];
  const arrays = columns.map((c, i) => `$${i + 1}::${c.type}[]`).join(", ");
  const updates = columns
    .filter((c) => !keys.includes(c.name))
    .map((c) => `${c.name} = EXCLUDED.${c.name}`)
    .join(", ");
  return (
    `INSERT INTO serving.${table} AS held (${columns.map((c) => c.name).join(", ")}) ` +
    `SELECT * FROM unnest(${arrays}) ` +
    `ON CONFLICT (${keys.join(", ")}) DO UPDATE SET ${updates} WHERE EXCLUDED.updated_at > held.updated_at ` +
    "RETURNING 1"
  );
}

/**
 * Removes the rows of the hour starting at $1 that are older than the restatement at $2: the keys a
 * restatement no longer holds (gold replaces an hour whole).
 */
export const breakdownPruneSql = (table: GoldTableName) =>
  `DELETE FROM serving.${table} WHERE window_start >= $1::timestamptz ` +
  "AND window_start < $1::timestamptz + INTERVAL '1 hour' AND updated_at < $2::timestamptz";

const iso = (ms: number) => new Date(ms).toISOString();

/** The upsert's parameters: one array per column, rows in order. */
export function breakdownUpsertParams(table: GoldTableName, rows: readonly BreakdownRow[]): unknown[][] {
  return breakdownUpsertColumns(table).map((column) =>
    rows.map((row) => {
      if (column.name === "is_final") return row.isFinal;
      if (column.name === "updated_at") return iso(row.updatedAtMs);
      const value = row.values[column.name] ?? null;
      return column.type === "timestamptz" && typeof value === "number" ? iso(value) : value;
    }),
  );
}
