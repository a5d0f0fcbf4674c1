import { parseArgs } from "node:util";
import { lakeStore, type TableRetentionReport } from "@ecomstream/lake";
import { goldTableNames, layerNames } from "@ecomstream/lake-model";
import { retainLake } from "@ecomstream/lake-ops";
import { createServingPool, type EcomConfig, roleDatabaseUrl } from "@ecomstream/runtime";
import { SparkSession } from "@ecomstream/spark-connect";
import { ui } from "../ui.js";

const help = `usage: ./ecom retention [--dry-run]

Drops lake partitions older than each layer's age (ECOM_RETENTION_BRONZE, _SILVER, _QUARANTINE,
_GOLD) with a Delta DELETE (readers stop seeing them at once), then VACUUM deletes the files no
table version of the last ECOM_LAKE_GRACE references; serving rows of those times go too
(kpi_minute with gold, quality_minute with bronze).
  --dry-run   report what would be removed, change nothing`;

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;
const hour = (h: { date: string; hour: number }) => `${h.date} ${String(h.hour).padStart(2, "0")}:00`;

/** `./ecom retention [--dry-run]`: one retention run over every layer and serving, with what it removed. */
export async function retentionCommand(config: EcomConfig, args: readonly string[]): Promise<number> {
  const { values } = parseArgs({
    args: [...args],
    options: {
      "dry-run": { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    ui.out(help);
    return 0;
  }
  const dryRun = values["dry-run"] ?? false;
  const pool = createServingPool(roleDatabaseUrl(config, "ecom_writer"), 1);
  let result: Awaited<ReturnType<typeof retainLake>>;
  try {
    const session = await SparkSession.connect(config.spark.remote);
    try {
      result = await retainLake(session, lakeStore(config), config, pool, { dryRun });
    } finally {
      await session.close();
    }
  } finally {
    await pool.end();
  }
  const { tables: layerReports, goldTables, serving } = result;
  // gold's tables beside kpi_minute are listed after gold, as ./ecom sql names them
  const reports: Record<string, TableRetentionReport> = { ...layerReports };
  for (const [table, report] of Object.entries(goldTables)) reports[`gold_${table}`] = report;
  ui.out(
    ui.table(
      ["layer", "keeps from", "partitions dropped", "files", "bytes", "rows", "note"],
      [...layerNames, ...goldTableNames.map((t) => `gold_${t}`)].map((layer) => {
        const r = reports[layer]!;
        return [
          layer,
          hour(r.retainedFrom),
          String(r.partitions.length),
          String(r.files),
          mb(r.bytes),
          String(r.rows),
          r.deleted ? `${r.deleted} unreferenced files vacuumed` : "",
        ];
      }),
    ),
  );
  ui.out(
    `serving: ${serving.kpiMinute} kpi_minute rows, ${serving.qualityMinute} quality_minute rows` +
      (dryRun ? " would be deleted (dry run: nothing changed)" : " deleted"),
  );
  return 0;
}
