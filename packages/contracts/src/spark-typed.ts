import { type FieldSpec, fieldTable } from "./fields.js";
import {
  nestStages,
  sparkInternalPrefix as p,
  type SparkValidationOptions,
  sparkInternalColumns,
  sparkRequiredExpr,
  sparkValidationStages,
} from "./spark-sql.js";

const microsPerDay = 86_400_000_000;
const microsPerHour = 3_600_000_000;

function sparkType(f: FieldSpec): string {
  if (f.name === "event_ts") return "TIMESTAMP";
  if (f.type === "integer") return "INT";
  return f.type === "number" ? "DOUBLE" : "STRING";
}

/** Silver's typed columns, in table order, then the partition columns. */
export const silverColumns: ReadonlyArray<{ name: string; sparkType: string }> = [
  ...(fieldTable as readonly FieldSpec[]).map((f) => ({ name: f.name, sparkType: sparkType(f) })),
  { name: "event_date", sparkType: "DATE" },
  { name: "hour", sparkType: "INT" },
];

/** DDL of a silver (valid, typed) event row, e.g. for `CREATE TABLE` or a schema string. */
export const sparkSilverDdl = silverColumns.map((c) => `${c.name} ${c.sparkType}`).join(", ");

function typedValue(f: FieldSpec): string {
  if (f.name === "event_ts") return `${p}ts`;
  if (f.type === "string") return `${p}s_${f.name}`;
  const n = `${p}n_${f.name}`;
  return f.type === "integer" ? `CAST(${n} AS INT)` : n;
}

/**
 * Typed projection items over the last validation stage (`expr AS name`): every silver column,
 * NULL on invalid rows and for fields the event's type does not require. event_ts is a
 * TIMESTAMP (an instant; microsecond precision); event_date and hour are its UTC date and hour,
 * computed from epoch microseconds so they do not depend on the session time zone.
 */
export function sparkTypedColumns(fields: readonly FieldSpec[] = fieldTable): string[] {
  const u = `unix_micros(${p}ts)`;
  const valid = "reason IS NULL";
  return [
    ...fields.map((f) => {
      const req = sparkRequiredExpr(f);
      const cond = req === "TRUE" ? valid : `${valid} AND ${req}`;
      return `CASE WHEN ${cond} THEN ${typedValue(f)} END AS ${f.name}`;
    }),
    `CASE WHEN ${valid} THEN date_from_unix_date(CAST((${u} - pmod(${u}, ${microsPerDay})) div ${microsPerDay} AS INT)) END AS event_date`,
    `CASE WHEN ${valid} THEN CAST(pmod(${u}, ${microsPerDay}) div ${microsPerHour} AS INT) END AS hour`,
  ];
}

/**
 * One SELECT over `source` (a table/view name or a parenthesised query): all of the source's
 * columns, then `reason` and `field` (NULL when valid), then the typed silver columns (NULL when
 * invalid). Silver keeps `reason IS NULL`; quarantine keeps the rest with the raw value.
 */
export function sparkValidationSql(source: string, options: SparkValidationOptions = {}): string {
  const stages = [...sparkValidationStages(options), sparkTypedColumns(options.fields)];
  return `SELECT * EXCEPT (${sparkInternalColumns().join(", ")}) FROM (${nestStages(source, stages)})`;
}
