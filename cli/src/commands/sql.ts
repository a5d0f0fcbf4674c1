import { parseArgs } from "node:util";
import { commitVersions, deltaPath, isDeltaTable, lakeStore } from "@ecomstream/lake";
import { goldTableSpecs, type LayerSpec, lakeLayout, layerSpecs } from "@ecomstream/lake-model";
import { registerGoldTableViews, registerLakeViews } from "@ecomstream/reconcile";
import { type EcomConfig, EcomError, errorCodes } from "@ecomstream/runtime";
import { type DataFrame, type Row, SparkError, SparkSession } from "@ecomstream/spark-connect";
import { ui } from "../ui.js";
import { timeTravelByName } from "./sql-time-travel.js";

/** The lake's tables as `./ecom sql` names them. */
export const lakeTableNames = {
  bronze: "bronze",
  silver: "silver",
  quarantine: "quarantine",
  gold: "gold_kpi_minute",
  kpi_dim_minute: "gold_kpi_dim_minute",
  product_hour: "gold_product_hour",
  sessions: "gold_sessions",
} as const;

const formats = ["table", "csv", "json"] as const;
type Format = (typeof formats)[number];

type LakeTable = keyof typeof lakeTableNames;

/** Each lake table's spec: the layers, then gold's tables beside kpi_minute. */
function lakeTableSpecs(config: EcomConfig): Record<LakeTable, LayerSpec> {
  const lake = lakeLayout(config.lake.uri);
  return { ...layerSpecs(lake), ...goldTableSpecs(lake) };
}

const usageFix =
  `e.g. ./ecom sql "SELECT count(*) FROM silver" [--format table|csv|json]; tables: ${Object.values(lakeTableNames).join(", ")}; ` +
  "./ecom sql tables (their Delta paths and versions), ./ecom sql history <table>";

/** The lake table a user names by its view name or its layer name; undefined for anything else. */
function lakeTable(name: string | undefined): LakeTable | undefined {
  const entry = Object.entries(lakeTableNames).find(([layer, view]) => name === layer || name === view);
  return entry?.[0] as LakeTable | undefined;
}

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

/** A SQL string literal. */
const literal = (text: string) => `'${text.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;

/** Each lake table: its view name, its Delta path (for ``delta.`<path>` VERSION AS OF n``) and latest version. */
async function tablesFrame(session: SparkSession, config: EcomConfig): Promise<DataFrame> {
  const store = lakeStore(config);
  const specs = lakeTableSpecs(config);
  const rows: string[] = [];
  for (const [layer, view] of Object.entries(lakeTableNames)) {
    const spec = specs[layer as LakeTable];
    const version = (await commitVersions(store, spec.uri)).at(-1);
    rows.push(
      `(${literal(view)}, ${literal(spec.uri)}, ${version === undefined ? "CAST(NULL AS BIGINT)" : `${version}L`})`,
    );
  }
  return session.sql(`SELECT * FROM VALUES ${rows.join(", ")} AS t(\`table\`, path, version)`);
}

/** A lake table's commits, newest first, as Delta's `DESCRIBE HISTORY` tells them. */
async function historyFrame(session: SparkSession, config: EcomConfig, table: LakeTable): Promise<DataFrame> {
  const spec = lakeTableSpecs(config)[table];
  if (!(await isDeltaTable(lakeStore(config), spec.uri)))
    throw new EcomError(errorCodes.usage, `${lakeTableNames[table]} has no commit yet (${spec.uri})`, {
      fix: "./ecom up writes the lake; ./ecom sql history <table> once it has",
    });
  return (await session.sql(`DESCRIBE HISTORY ${deltaPath(spec.uri)}`)).selectExpr(
    "version",
    "timestamp",
    "operation",
    "to_json(operationParameters) AS parameters",
    "to_json(operationMetrics) AS metrics",
  );
}

/**
 * `./ecom sql "<query>" [--format table|csv|json]`: Spark SQL over the lake's tables registered by
 * name (bronze, silver, quarantine, gold_kpi_minute, gold_kpi_dim_minute, gold_product_hour,
 * gold_sessions), each the current snapshot of its Delta table.
 * Time travel: `SELECT … FROM silver VERSION AS OF n` (or `TIMESTAMP AS OF`) reads that version of
 * the table's Delta log; `./ecom sql tables` gives each table's Delta path and latest version,
 * `./ecom sql history <table>` lists its commits.
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
  const [first, second, ...rest] = positionals;
  const history = first === "history" && rest.length === 0 ? lakeTable(second) : undefined;
  if (first === "history" && rest.length === 0 && second !== undefined && history === undefined)
    throw new EcomError(errorCodes.usage, `no lake table ${second}`, { fix: usageFix });
  const session = await SparkSession.connect(config.spark.remote);
  try {
    let columns: string[];
    let rows: Row[];
    try {
      let frame: DataFrame;
      if (history !== undefined) frame = await historyFrame(session, config, history);
      else if (query === "tables") frame = await tablesFrame(session, config);
      else {
        await registerLakeViews(session, config, lakeTableNames);
        await registerGoldTableViews(session, config, lakeTableNames);
        const specs = lakeTableSpecs(config);
        const paths = Object.fromEntries(
          Object.entries(lakeTableNames).map(([layer, view]) => [view, specs[layer as LakeTable].uri]),
        );
        frame = await session.sql(timeTravelByName(query, paths));
      }
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
