import type { SparkSession } from "@ecomstream/spark-connect";
import type { StageContext, StageLoop } from "@ecomstream/stage";
import type pg from "pg";
import { durationMs } from "./duration.js";
import { KpiStreamError } from "./errors.js";
import { type FreshnessSummary, FreshnessTracker } from "./freshness.js";
import { syncGold } from "./gold-sync.js";
import { KpiConsumer, type KpiConsumerHealth } from "./kpi-consumer.js";
import { createServingPool } from "./pg.js";
import { syncQuality } from "./quality-sync.js";

export interface LoaderLoopOptions {
  /** Postgres pool (default: config.postgres.url as ecom_writer). Closed by stop() only when created here. */
  pool?: pg.Pool;
  /** Consumer group of the KPI topic (default `ecom-loader`). */
  groupId?: string;
  /** The clock (tests move it forward). */
  now?: () => number;
}

export interface LoaderHealth {
  lastRunAt: string | null;
  gold: { lastRead: number; lastWritten: number; totalWritten: number; cursor: string | null };
  quality: { lastMinutes: number; doneUpTo: string | null };
  provisional: KpiConsumerHealth & { freshness: FreshnessSummary };
}

export interface LoaderLoop extends StageLoop {
  health(): { loader: LoaderHealth };
  start(): Promise<void>;
  stop(): Promise<void>;
}

export const loaderGroupId = "ecom-loader";

/**
 * The loader: a Kafka consumer of the provisional KPI stream running beside the stage (start/stop),
 * and every ECOM_LOADER_TRIGGER a sync of final gold rows and of recent quality minutes.
 */
export function createLoaderLoop(ctx: StageContext, options: LoaderLoopOptions = {}): LoaderLoop {
  const { config, lake, logger } = ctx;
  const ownPool = options.pool === undefined;
  const pool = options.pool ?? createServingPool(config.postgres.url);
  const clock = options.now ?? Date.now;
  const freshness = new FreshnessTracker();
  const consumer = new KpiConsumer({
    bootstrap: config.kafka.bootstrap,
    topic: config.topic.kpiName,
    groupId: options.groupId ?? loaderGroupId,
    pool,
    logger,
    freshness,
    clock,
  });
  const health: Omit<LoaderHealth, "provisional"> = {
    lastRunAt: null,
    gold: { lastRead: 0, lastWritten: 0, totalWritten: 0, cursor: null },
    quality: { lastMinutes: 0, doneUpTo: null },
  };
  const watermarkMs = durationMs(config.pipeline.goldWatermark);

  async function run(session: SparkSession): Promise<void> {
    const gold = await syncGold(session, pool, lake);
    health.gold = {
      lastRead: gold.read,
      lastWritten: gold.written,
      totalWritten: health.gold.totalWritten + gold.written,
      cursor: gold.cursorMs === null ? null : new Date(gold.cursorMs).toISOString(),
    };
    const quality = await syncQuality(session, pool, lake, { nowMs: clock(), watermarkMs });
    health.quality = {
      lastMinutes: quality.minutes,
      doneUpTo: quality.doneUpToMs === null ? null : new Date(quality.doneUpToMs).toISOString(),
    };
    health.lastRunAt = new Date(clock()).toISOString();
    const stream = consumer.health();
    if (stream.state === "retrying")
      throw new KpiStreamError(`provisional KPI stream down: ${stream.lastError ?? "?"}`, undefined);
  }

  return {
    everyMs: durationMs(config.pipeline.loaderTrigger),
    run,
    async start() {
      consumer.start();
    },
    async stop() {
      await consumer.stop();
      if (ownPool) await pool.end();
    },
    health: () => ({
      loader: { ...health, provisional: { ...consumer.health(), freshness: freshness.summary() } },
    }),
  };
}
