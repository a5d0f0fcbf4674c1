import { kpiMinuteColumns } from "@ecomstream/contracts";
import type { KpiRow } from "./kpi-row.js";

export type KpiSource = "provisional" | "gold";

const pgTypes = { timestamp: "timestamptz", bigint: "int8", double: "float8" } as const;

/** Columns the loader writes, in order, with their Postgres array element types. */
export const upsertColumns: ReadonlyArray<{ name: string; type: string }> = [
  ...kpiMinuteColumns.map((c) => ({ name: c.name, type: pgTypes[c.type] })),
  { name: "is_final", type: "bool" },
  { name: "source", type: "text" },
  { name: "updated_at", type: "timestamptz" },
  { name: "max_event_ts", type: "timestamptz" },
];

/**
 * How a replacing row sets a column: max_event_ts (the newest event time the row counts) takes the
 * greater of the held and the incoming one, so it never goes back (an incoming null, as gold's final
 * rows carry, keeps the held value); every other column takes the incoming value.
 */
const updateOf = (name: string) =>
  name === "max_event_ts"
    ? "max_event_ts = GREATEST(kpi_minute.max_event_ts, EXCLUDED.max_event_ts)"
    : `${name} = EXCLUDED.${name}`;

/**
 * When an incoming row replaces the one held:
 * - provisional: never over a final row, and only when newer (an older or repeated update is ignored);
 * - gold: when newer (a restatement replaces earlier gold, the same gold again changes nothing), and
 *   a final gold row always replaces a provisional one (the provisional stream's clock may be ahead).
 */
export const replaceWhen: Record<KpiSource, string> = {
  provisional: "kpi_minute.is_final = false AND EXCLUDED.updated_at > kpi_minute.updated_at",
  gold:
    "EXCLUDED.updated_at > kpi_minute.updated_at OR " +
    "(EXCLUDED.is_final AND kpi_minute.source = 'provisional')",
};

/**
 * One statement upserting a batch: `INSERT ... SELECT * FROM unnest($1::type[], ...)`, a parameter
 * per column (so any batch size is one round trip), `RETURNING` the windows actually written.
 */
export function kpiUpsertSql(source: KpiSource): string {
  const names = upsertColumns.map((c) => c.name);
  const arrays = upsertColumns.map((c, i) => `$${i + 1}::${c.type}[]`).join(", ");
  const updates = names
    .filter((n) => n !== "window_start")
    .map(updateOf)
    .join(", ");
  return (
    `INSERT INTO serving.kpi_minute AS kpi_minute (${names.join(", ")}) ` +
    `SELECT * FROM unnest(${arrays}) ` +
    `ON CONFLICT (window_start) DO UPDATE SET ${updates} WHERE ${replaceWhen[source]} ` +
    "RETURNING window_start"
  );
}

const iso = (ms: number) => new Date(ms).toISOString();

/** The statement's parameters: one array per column, rows in order. */
export function kpiUpsertParams(rows: readonly KpiRow[], source: KpiSource): unknown[][] {
  return upsertColumns.map((column) =>
    rows.map((row) => {
      switch (column.name) {
        case "is_final":
          return row.isFinal;
        case "source":
          return source;
        case "updated_at":
          return iso(row.updatedAtMs);
        case "max_event_ts":
          return row.maxEventTsMs === null ? null : iso(row.maxEventTsMs);
        default: {
          const value = row.values[column.name] ?? null;
          return column.type === "timestamptz" && value !== null ? iso(value) : value;
        }
      }
    }),
  );
}
