import {
  applyRetention,
  applyServingRetention,
  type LakeStore,
  type TableRetentionReport,
  withTableLock,
} from "@ecomstream/lake";
import {
  type GoldTableName,
  goldTableSpecs,
  type LayerName,
  lakeLayout,
  layerNames,
  layerSpecs,
} from "@ecomstream/lake-model";
import { durationMs, type EcomConfig } from "@ecomstream/runtime";
import type { SparkSession } from "@ecomstream/spark-connect";
import type pg from "pg";

export interface LakeRetention {
  tables: Record<LayerName, TableRetentionReport>;
  /** gold's tables beside kpi_minute (kpi_dim_minute, product_hour), kept as long as gold */
  goldTables: Record<GoldTableName, TableRetentionReport>;
  serving: Awaited<ReturnType<typeof applyServingRetention>>;
}

/**
 * Retention over every layer (each under its lock) and the matching serving rows
 * (`./ecom retention`, and the lake-ops service after each compaction).
 */
export async function retainLake(
  session: SparkSession,
  store: LakeStore,
  config: EcomConfig,
  pool: pg.Pool,
  options: { dryRun: boolean; nowMs?: number },
): Promise<LakeRetention> {
  const specs = layerSpecs(lakeLayout(config.lake.uri));
  const nowMs = options.nowMs ?? Date.now();
  const tables = {} as Record<LayerName, TableRetentionReport>;
  for (const layer of layerNames) {
    tables[layer] = await withTableLock(config.home, layer, () =>
      applyRetention(session, store, specs[layer], {
        maxAgeMs: durationMs(config.retention[layer]),
        graceMs: durationMs(config.lakeOps.grace),
        nowMs,
        dryRun: options.dryRun,
      }),
    );
  }
  const goldTables = {} as Record<GoldTableName, TableRetentionReport>;
  for (const [table, spec] of Object.entries(goldTableSpecs(lakeLayout(config.lake.uri)))) {
    goldTables[table as GoldTableName] = await withTableLock(config.home, spec.name, () =>
      applyRetention(session, store, spec, {
        maxAgeMs: durationMs(config.retention.gold),
        graceMs: durationMs(config.lakeOps.grace),
        nowMs,
        dryRun: options.dryRun,
      }),
    );
  }
  const serving = await applyServingRetention(
    pool,
    { goldFrom: tables.gold.retainedFrom, bronzeFrom: tables.bronze.retainedFrom },
    options.dryRun,
  );
  return { tables, goldTables, serving };
}
