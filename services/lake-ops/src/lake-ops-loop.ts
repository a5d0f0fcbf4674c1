import { type CompactionReport, lakeStore, tableHealth, writeLakeHealth } from "@ecomstream/lake";
import { layerNames, layerSpecs } from "@ecomstream/lake-model";
import { createServingPool, durationMs, roleDatabaseUrl } from "@ecomstream/runtime";
import type { SparkSession } from "@ecomstream/spark-connect";
import type { StageContext, StageLoop } from "@ecomstream/stage";
import { compactLake } from "./compact-lake.js";
import { retainLake } from "./retain-lake.js";

export interface LakeOpsHealth {
  lastCompactionAt: string | null;
  lastCompaction: CompactionReport[];
  lastHealthAt: string | null;
  lastRetentionAt: string | null;
}

/** How often lake health is written to serving (compaction runs every ECOM_COMPACT_EVERY). */
const healthEveryMs = 60_000;

export interface LakeOpsLoop extends StageLoop {
  health(): { lakeOps: LakeOpsHealth };
}

/**
 * The lake-ops loop: every minute, first of all, lake health (files, bytes, partitions per layer)
 * goes to serving; every ECOM_COMPACT_EVERY the closed partitions of the streamed tables are compacted (OPTIMIZE)
 * and partitions older than each layer's retention are dropped (DELETE, then VACUUM), with their serving rows.
 */
export function createLakeOpsLoop(ctx: StageContext, now: () => number = Date.now): LakeOpsLoop {
  const store = lakeStore(ctx.config);
  const specs = layerSpecs(ctx.lake);
  const compactEveryMs = durationMs(ctx.config.lakeOps.compactEvery);
  const pool = createServingPool(roleDatabaseUrl(ctx.config, "ecom_writer"), 2);
  let nextCompactionMs = 0;
  const health: LakeOpsHealth = {
    lastCompactionAt: null,
    lastCompaction: [],
    lastHealthAt: null,
    lastRetentionAt: null,
  };

  async function measure(session: SparkSession): Promise<void> {
    const tables = [];
    for (const layer of layerNames) tables.push(await tableHealth(session, store, specs[layer]));
    await writeLakeHealth(pool, tables);
    health.lastHealthAt = new Date().toISOString();
  }

  return {
    everyMs: Math.min(healthEveryMs, compactEveryMs),
    async run(session: SparkSession): Promise<void> {
      // health first: a maintenance pass (OPTIMIZE, DELETE, VACUUM) can take minutes on a busy
      // machine, and a failing one must not keep the lake's figures from serving
      await measure(session);
      if (now() < nextCompactionMs) return;
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
      const retained = await retainLake(session, store, ctx.config, pool, { dryRun: false });
      health.lastRetentionAt = new Date().toISOString();
      const retainedTables = Object.entries({ ...retained.tables, ...retained.goldTables });
      for (const [layer, r] of retainedTables.filter(([, r]) => r.partitions.length)) {
        ctx.logger.info(
          { layer, partitions: r.partitions.length, files: r.files, bytes: r.bytes },
          "retention",
        );
      }
      await measure(session);
    },
    health: () => ({ lakeOps: health }),
    async stop() {
      await pool.end();
    },
  };
}
