import type { GoldTableName } from "@ecomstream/lake-model";
import { type BreakdownRow, breakdownColumns, breakdownKeys, breakdownSpans } from "./breakdown-row.js";

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
 * Removes the rows starting in the hour that starts at $1 that are older than the restatement at $2:
 * the keys a restatement no longer holds (gold replaces an hour whole: for sessions, the hour they
 * started in).
 */
export const breakdownPruneSql = (table: GoldTableName) => {
  const start = breakdownSpans[table].start;
  return (
    `DELETE FROM serving.${table} WHERE ${start} >= $1::timestamptz ` +
    `AND ${start} < $1::timestamptz + INTERVAL '1 hour' AND updated_at < $2::timestamptz`
  );
};

/**
 * Removes the sessions a newer session of the same session_id now covers: a late event that joins
 * two sessions (or moves a start earlier) makes one session with another start, and the row held
 * under the old start may lie in an hour gold no longer writes any row for. A held session of the
 * same session_id that starts inside a newer one's [start, end] under another start is that merged
 * session (sessions of one session_id never overlap). $1..$4: session_id, session_start,
 * session_end, updated_at arrays.
 */
export const sessionsSupersededSql =
  "DELETE FROM serving.sessions AS held USING unnest($1::text[], $2::timestamptz[], $3::timestamptz[], " +
  "$4::timestamptz[]) AS n(session_id, session_start, session_end, updated_at) " +
  "WHERE held.session_id = n.session_id AND held.session_start <> n.session_start " +
  "AND held.session_start BETWEEN n.session_start AND n.session_end AND held.updated_at < n.updated_at";

/** The parameters of sessionsSupersededSql for sessions rows. */
export const sessionsSupersededParams = (rows: readonly BreakdownRow[]): unknown[][] => [
  rows.map((row) => row.values.session_id),
  rows.map((row) => iso(row.values.session_start as number)),
  rows.map((row) => iso(row.values.session_end as number)),
  rows.map((row) => iso(row.updatedAtMs)),
];

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
