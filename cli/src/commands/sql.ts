import { parseArgs } from "node:util";
import { registerLakeViews } from "@ecomstream/reconcile";
import { type EcomConfig, EcomError, errorCodes } from "@ecomstream/runtime";
import { type Row, SparkError, SparkSession } from "@ecomstream/spark-connect";
import { ui } from "../ui.js";

/** The lake's tables as `./ecom sql` names them. */
export const lakeTableNames = {
  bronze: "bronze",
  silver: "silver",
  quarantine: "quarantine",
  gold: "gold_kpi_minute",
} as const;

const formats = ["table", "csv", "json"] as const;
type Format = (typeof formats)[number];

const usageFix = `e.g. ./ecom sql "SELECT count(*) FROM silver" [--format table|csv|json]; tables: ${Object.values(lakeTableNames).join(", ")}`;

/** One value as text: timestamps in ISO-8601 UTC, NULL as empty in CSV and "null" in the table. */
function text(value: unknown, nullAs: string): string {
  if (value === null || value === undefined) return nullAs;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "object")
    return JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? String(v) : v));
  return String(value);
}

function csvField(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The rows in the format asked for, columns in the query's order. */
export function formatRows(columns: readonly string[], rows: readonly Row[], format: Format): string {
  if (format === "json")
    return JSON.stringify(
      rows.map((row) => Object.fromEntries(columns.map((c) => [c, row[c] ?? null]))),
      (_k, v) => (typeof v === "bigint" ? (Number.isSafeInteger(Number(v)) ? Number(v) : String(v)) : v),
    );
  if (format === "csv")
    return [columns, ...rows.map((row) => columns.map((c) => text(row[c], "")))]
      .map((line) => line.map(csvField).join(","))
      .join("\n");
  return ui.table(
    columns,
    rows.map((row) => columns.map((c) => text(row[c], "null"))),
  );
}

/** The first line of Spark's message: its error class and what went wrong, never the plan. */
function oneLine(error: SparkError): string {
  return (error.message.split("\n")[0] ?? error.message).replace(/\s*SQLSTATE: \w+\s*$/, "");
}

/**
 * `./ecom sql "<query>" [--format table|csv|json]`: Spark SQL over the lake's tables registered by
 * name (bronze, silver, quarantine, gold_kpi_minute), each read as every batch reader reads it.
 * A query Spark refuses is one line, never a stack trace.
 */
export async function sqlCommand(config: EcomConfig, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { format: { type: "string", default: "table" } },
  });
  const query = positionals.join(" ").trim();
  if (query === "") throw new EcomError(errorCodes.usage, "sql needs a query", { fix: usageFix });
  const format = values.format as Format;
  if (!formats.includes(format))
    throw new EcomError(errorCodes.usage, `--format ${values.format} is not one of ${formats.join(", ")}`, {
      fix: usageFix,
    });
  const session = await SparkSession.connect(config.spark.remote);
  try {
    await registerLakeViews(session, config, lakeTableNames);
    let columns: string[];
    let rows: Row[];
    try {
      const frame = await session.sql(query);
      columns = (await frame.schema()).fields.map((f) => f.name);
      rows = await frame.collect();
    } catch (error) {
      if (error instanceof SparkError)
        throw new EcomError(errorCodes.usage, oneLine(error), { fix: usageFix, cause: error });
      throw error;
    }
    ui.out(formatRows(columns, rows, format));
    return 0;
  } finally {
    await session.close();
  }
}
