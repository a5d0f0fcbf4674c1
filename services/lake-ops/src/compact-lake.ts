import { type CompactionReport, compactTable, type LakeStore, withTableLock } from "@ecomstream/lake";
import {
  goldTableSpecs,
  type HourKey,
  type LayerName,
  lakeLayout,
  layerNames,
  layerSpecs,
} from "@ecomstream/lake-model";
import { durationMs, type EcomConfig } from "@ecomstream/runtime";
import type { SparkSession } from "@ecomstream/spark-connect";

export interface CompactLakeOptions {
  layers?: readonly LayerName[];
  from?: HourKey;
  to?: HourKey;
  /** Overrides ECOM_COMPACT_CLOSED_AFTER (ms). */
  closedAfterMs?: number;
  nowMs?: number;
}

/**
 * Compacts the closed partitions of the lake's tables with Delta's OPTIMIZE, one table at a time under
 * its lock (`./ecom compact`, lake-ops); streams reading them are unaffected.
 */
export async function compactLake(
  session: SparkSession,
  store: LakeStore,
  config: EcomConfig,
  options: CompactLakeOptions = {},
): Promise<CompactionReport[]> {
  const lake = lakeLayout(config.lake.uri);
  const specs = layerSpecs(lake);
  const layers = options.layers ?? layerNames;
  // gold's tables beside kpi_minute are compacted with gold
  const tables = layers.flatMap((layer) => [
    specs[layer],
    ...(layer === "gold" ? Object.values(goldTableSpecs(lake)) : []),
  ]);
  const reports: CompactionReport[] = [];
  for (const spec of tables) {
    const report = await withTableLock(config.home, spec.name, () =>
      compactTable(session, store, spec, {
        ...(options.from ? { from: options.from } : {}),
        ...(options.to ? { to: options.to } : {}),
        closedAfterMs: options.closedAfterMs ?? durationMs(config.lakeOps.closedAfter),
        targetFileBytes: config.lakeOps.targetFileMb * 1024 * 1024,
        ...(options.nowMs !== undefined ? { nowMs: options.nowMs } : {}),
      }),
    );
    reports.push(report);
  }
  return reports;
}
