import {
  type CompactionReport,
  compactTable,
  type HourKey,
  type LakeStore,
  type LayerName,
  layerNames,
  layerSpecs,
  withTableLock,
} from "@ecomstream/lake";
import { durationMs, type EcomConfig } from "@ecomstream/runtime";
import type { SparkSession } from "@ecomstream/spark-connect";
import { lakeLayout } from "@ecomstream/stage";

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
  const specs = layerSpecs(lakeLayout(config.lake.uri));
  const reports: CompactionReport[] = [];
  for (const layer of options.layers ?? layerNames) {
    const report = await withTableLock(config.home, layer, () =>
      compactTable(session, store, specs[layer], {
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
