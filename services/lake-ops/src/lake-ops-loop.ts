import { type CompactionReport, lakeStore, layerNames, layerSpecs, tableHealth } from "@ecomstream/lake";
import { createServingPool, durationMs } from "@ecomstream/runtime";
import type { SparkSession } from "@ecomstream/spark-connect";
import type { StageContext, StageLoop } from "@ecomstream/stage";
import { compactLake } from "./compact-lake.js";
import { writeLakeHealth } from "./health-store.js";

export interface LakeOpsHealth {
  lastCompactionAt: string | null;
  lastCompaction: CompactionReport[];
  lastHealthAt: string | null;
}

/** How often lake health is written to serving (compaction runs every ECOM_COMPACT_EVERY). */
const healthEveryMs = 60_000;

/**
 * The lake-ops loop: every minute lake health (files, bytes, partitions per layer) goes to
 * serving; every ECOM_COMPACT_EVERY the closed partitions of the sink-written tables are compacted.
 */
export function createLakeOpsLoop(
  ctx: StageContext,
  now: () => number = Date.now,
): StageLoop & {
  health(): { lakeOps: LakeOpsHealth };
} {
  const store = lakeStore(ctx.config);
  const specs = layerSpecs(ctx.lake);
  const compactEveryMs = durationMs(ctx.config.lakeOps.compactEvery);
  const pool = createServingPool(ctx.config.postgres.url, 2);
  let nextCompactionMs = 0;
  const health: LakeOpsHealth = { lastCompactionAt: null, lastCompaction: [], lastHealthAt: null };

  return {
    everyMs: Math.min(healthEveryMs, compactEveryMs),
    async run(session: SparkSession): Promise<void> {
      if (now() >= nextCompactionMs) {
        nextCompactionMs = now() + compactEveryMs;
        const reports = await compactLake(session, store, ctx.config);
        health.lastCompactionAt = new Date().toISOString();
        health.lastCompaction = reports;
        for (const r of reports.filter((r) => r.partitions > 0)) {
          ctx.logger.info(
            { layer: r.layer, partitions: r.partitions, files: [r.filesBefore, r.filesAfter] },
            "compacted",
          );
        }
      }
      const tables = [];
      for (const layer of layerNames) tables.push(await tableHealth(store, specs[layer]));
      await writeLakeHealth(pool, tables);
      health.lastHealthAt = new Date().toISOString();
    },
    health: () => ({ lakeOps: health }),
    async stop() {
      await pool.end();
    },
  };
}
