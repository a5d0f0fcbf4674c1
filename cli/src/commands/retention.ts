import { parseArgs } from "node:util";
import {
  applyRetention,
  applyServingRetention,
  lakeStore,
  layerNames,
  layerSpecs,
  type TableRetentionReport,
  withTableLock,
} from "@ecomstream/lake";
import { streamConsumers } from "@ecomstream/lake-ops";
import { createServingPool, durationMs, type EcomConfig } from "@ecomstream/runtime";
import { lakeLayout } from "@ecomstream/stage";
import { ui } from "../ui.js";

const help = `usage: ./ecom retention [--dry-run]

Drops lake partitions older than each layer's age (ECOM_RETENTION_BRONZE, _SILVER, _QUARANTINE,
_GOLD): readers skip them at once, their files are deleted after ECOM_LAKE_GRACE (gold's at once),
and serving rows of those times go too (kpi_minute with gold, quality_minute with bronze).
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
  const specs = layerSpecs(lakeLayout(config.lake.uri));
  const store = lakeStore(config);
  const consumers = streamConsumers(config);
  const nowMs = Date.now();
  const reports: Record<string, TableRetentionReport> = {};
  for (const layer of layerNames) {
    reports[layer] = await withTableLock(config.home, layer, () =>
      applyRetention(store, specs[layer], {
        maxAgeMs: durationMs(config.retention[layer]),
        graceMs: durationMs(config.lakeOps.grace),
        consumers: consumers[layer],
        nowMs,
        dryRun,
      }),
    );
  }
  const pool = createServingPool(config.postgres.url, 1);
  let serving: Awaited<ReturnType<typeof applyServingRetention>>;
  try {
    serving = await applyServingRetention(
      pool,
      { goldFrom: reports.gold!.retainedFrom, bronzeFrom: reports.bronze!.retainedFrom },
      dryRun,
    );
  } finally {
    await pool.end();
  }
  ui.out(
    ui.table(
      ["layer", "keeps from", "partitions dropped", "files", "bytes", "note"],
      layerNames.map((layer) => {
        const r = reports[layer]!;
        return [
          layer,
          hour(r.retainedFrom),
          String(r.partitions.length),
          String(r.files),
          mb(r.bytes),
          [
            r.unreadFiles ? `${r.unreadFiles} files not read by silver-writer yet stay on disk` : "",
            r.deleted ? `${r.deleted} files of earlier runs deleted` : "",
          ]
            .filter(Boolean)
            .join("; "),
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
