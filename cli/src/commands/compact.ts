import { parseArgs } from "node:util";
import { type CompactionReport, lakeStore } from "@ecomstream/lake";
import { hourOf, type LayerName, layerNames } from "@ecomstream/lake-model";
import { compactLake } from "@ecomstream/lake-ops";
import { durationMs, type EcomConfig, EcomError, errorCodes } from "@ecomstream/runtime";
import { SparkSession } from "@ecomstream/spark-connect";
import { ui } from "../ui.js";
import { parseTime } from "./reconcile.js";

const help = `usage: ./ecom compact [--layer L[,L…]] [--from T] [--to T] [--closed-after D]

Merges the small files of closed partitions (hour ended ECOM_COMPACT_CLOSED_AFTER ago) of bronze,
silver and quarantine into files up to ECOM_COMPACT_TARGET_FILE_MB, with the pipeline running:
Delta's OPTIMIZE, one commit per table that readers and streams see as no change of data.
Gold is written one file per hour and needs none. The lake-ops service runs this every
ECOM_COMPACT_EVERY.
  --layer          bronze, silver, quarantine, gold (default all)
  --from, --to     ISO-8601 times: only partitions of hours in [from, to)
  --closed-after   a Spark interval overriding ECOM_COMPACT_CLOSED_AFTER, e.g. '0 seconds'`;

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;

export function printCompaction(reports: readonly CompactionReport[]): void {
  ui.out(
    ui.table(
      [
        "layer",
        "partitions",
        "files before",
        "files after",
        "bytes before",
        "bytes after",
        "version",
        "note",
      ],
      reports.map((r) => [
        r.layer,
        String(r.partitions),
        String(r.filesBefore),
        String(r.filesAfter),
        mb(r.bytesBefore),
        mb(r.bytesAfter),
        r.version === undefined ? "" : String(r.version),
        r.skipped ?? "",
      ]),
    ),
  );
}

/** `./ecom compact [--layer --from --to]`: one compaction run, with a report of files and bytes. */
export async function compactCommand(config: EcomConfig, args: readonly string[]): Promise<number> {
  const { values } = parseArgs({
    args: [...args],
    options: {
      layer: { type: "string" },
      from: { type: "string" },
      to: { type: "string" },
      "closed-after": { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    ui.out(help);
    return 0;
  }
  const layers = values.layer?.split(",").map((l) => l.trim());
  for (const layer of layers ?? []) {
    if (!(layerNames as readonly string[]).includes(layer)) {
      throw new EcomError(errorCodes.usage, `--layer ${layer} is not a layer of the lake`, {
        fix: `use one or more of ${layerNames.join(", ")}`,
      });
    }
  }
  let closedAfterMs: number | undefined;
  if (values["closed-after"] !== undefined) {
    try {
      closedAfterMs = durationMs(values["closed-after"]);
    } catch {
      throw new EcomError(errorCodes.usage, `--closed-after ${values["closed-after"]} is not an interval`, {
        fix: "e.g. --closed-after '30 minutes'",
      });
    }
  }
  const from = parseTime("from", values.from);
  const to = parseTime("to", values.to);
  const session = await SparkSession.connect(config.spark.remote);
  try {
    const reports = await compactLake(session, lakeStore(config), config, {
      ...(layers ? { layers: layers as LayerName[] } : {}),
      ...(from ? { from: hourOf(from.getTime()) } : {}),
      ...(to ? { to: hourOf(to.getTime() + 3_599_999) } : {}),
      ...(closedAfterMs !== undefined ? { closedAfterMs } : {}),
    });
    printCompaction(reports);
    return 0;
  } finally {
    await session.close();
  }
}
