import { lakeStore } from "@ecomstream/lake";
import { createServingPool, durationMs, roleDatabaseUrl } from "@ecomstream/runtime";
import type { SparkSession } from "@ecomstream/spark-connect";
import type { StageContext, StageLoop } from "@ecomstream/stage";
import type pg from "pg";
import type { Counter, Histogram } from "prom-client";
import { BadRowLog, type BadRowsHealth } from "./bad-rows.js";
import { type BreakdownSyncResult, syncBreakdowns } from "./breakdown-sync.js";
import { KpiStreamError } from "./errors.js";
import { type FreshnessSummary, FreshnessTracker, rowFreshnessMs } from "./freshness.js";
import { syncGold } from "./gold-sync.js";
import { KpiConsumer, type KpiConsumerHealth } from "./kpi-consumer.js";
import { windowEndMs } from "./kpi-row.js";
import { syncPipeline } from "./pipeline-sync.js";
import { syncQuality } from "./quality-sync.js";
import type { StageHealthReport } from "./stage-health.js";
import { TopicOffsets } from "./topic-lag.js";

export interface LoaderLoopOptions {
  /** Postgres pool (default: the ecom_writer login). Closed by stop() only when created here. */
  pool?: pg.Pool;
  /** Consumer group of the KPI topic (default: loaderGroupId of the topic). */
  groupId?: string;
  /** The clock (tests move it forward). */
  now?: () => number;
  /** How the stages' /health is read for serving.pipeline_stage (default: HTTP on their ports). */
  fetchHealth?: (port: number) => Promise<StageHealthReport | null>;
  /** Receives each upserted row's freshness in seconds, by source (see servingFreshnessHistogram). */
  freshnessHistogram?: Histogram<"source">;
  /** Counts skipped bad rows by source (see badRowsCounter). */
  badRowsCounter?: Counter<"source">;
  /** Counts the provisional stream's retried failures (see kpiStreamFailuresCounter). */
  streamFailuresCounter?: Counter<"kind">;
}

export interface LoaderHealth {
  lastRunAt: string | null;
  gold: { lastRead: number; lastWritten: number; totalWritten: number; cursor: string | null };
  quality: { lastMinutes: number; doneUpTo: string | null };
  /** Gold's tables beside kpi_minute (kpi_dim_minute, product_hour, sessions) as last synced; null before the first run. */
  breakdowns: Record<string, BreakdownSyncResult> | null;
  /** serving.pipeline_stage: stage -> lag in records, as last written. */
  pipeline: Record<string, number | null>;
  provisional: KpiConsumerHealth & { freshness: FreshnessSummary };
  /** Rows skipped because they are not kpi_minute rows (each logged once with its coordinates). */
  badRows: BadRowsHealth;
}

export interface LoaderLoop extends StageLoop {
  health(): { loader: LoaderHealth };
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The loader's consumer group: one per KPI topic, so platforms sharing a Kafka cluster (each with
 * its own ECOM_KPI_TOPIC) never join one group and rebalance each other.
 */
export const loaderGroupId = (kpiTopic: string) => `ecom-loader.${kpiTopic}`;

/**
 * The loader: a Kafka consumer of the provisional KPI stream running beside the stage (start/stop),
 * and every ECOM_LOADER_TRIGGER a sync of final gold rows and of recent quality minutes.
 */
export function createLoaderLoop(ctx: StageContext, options: LoaderLoopOptions = {}): LoaderLoop {
  const { config, lake, logger } = ctx;
  const store = lakeStore(config);
  const ownPool = options.pool === undefined;
  const pool = options.pool ?? createServingPool(roleDatabaseUrl(config, "ecom_writer"));
  const clock = options.now ?? Date.now;
  const histogram = options.freshnessHistogram;
  const freshness = new FreshnessTracker(1000, (seconds) =>
    histogram?.observe({ source: "provisional" }, seconds),
  );
  const groupId = options.groupId ?? loaderGroupId(config.topic.kpiName);
  const badRows = new BadRowLog(logger, options.badRowsCounter, clock);
  const consumer = new KpiConsumer({
    bootstrap: config.kafka.bootstrap,
    topic: config.topic.kpiName,
    groupId,
    pool,
    logger,
    freshness,
    badRows,
    ...(options.streamFailuresCounter ? { failures: options.streamFailuresCounter } : {}),
    clock,
  });
  const health: Omit<LoaderHealth, "provisional" | "badRows"> = {
    lastRunAt: null,
    gold: { lastRead: 0, lastWritten: 0, totalWritten: 0, cursor: null },
    quality: { lastMinutes: 0, doneUpTo: null },
    breakdowns: null,
    pipeline: {},
  };
  const offsets = new TopicOffsets(config.kafka.bootstrap);
  let lastRate: { atMs: number; received: number } | null = null;
  const watermarkMs = durationMs(config.pipeline.goldWatermark);
  const dedupWindowMs = durationMs(config.pipeline.dedupWindow);

  let inFlight: Promise<void> | undefined;

  async function run(session: SparkSession): Promise<void> {
    const gold = await syncGold(session, pool, lake, store, badRows);
    const loadedAt = clock();
    for (const row of gold.writtenRows)
      histogram?.observe(
        { source: "gold" },
        rowFreshnessMs(loadedAt, windowEndMs(row), row.updatedAtMs) / 1000,
      );
    health.gold = {
      lastRead: gold.read,
      lastWritten: gold.written,
      totalWritten: health.gold.totalWritten + gold.written,
      cursor: gold.cursorMs === null ? null : new Date(gold.cursorMs).toISOString(),
    };
    health.breakdowns = await syncBreakdowns(session, pool, lake, store, badRows);
    const quality = await syncQuality(session, pool, lake, {
      nowMs: clock(),
      watermarkMs,
      dedupWindowMs,
      store,
    });
    health.quality = {
      lastMinutes: quality.minutes,
      doneUpTo: quality.doneUpToMs === null ? null : new Date(quality.doneUpToMs).toISOString(),
    };
    const stream = consumer.health();
    const nowMs = clock();
    const rate =
      lastRate && nowMs > lastRate.atMs
        ? ((stream.received - lastRate.received) * 1000) / (nowMs - lastRate.atMs)
        : null;
    lastRate = { atMs: nowMs, received: stream.received };
    const newestProvisional =
      stream.newestRowUpdatedAt === null ? null : Date.parse(stream.newestRowUpdatedAt);
    const newestLoaded = [newestProvisional, gold.cursorMs].filter((v): v is number => v !== null);
    const rows = await syncPipeline({
      config,
      lake,
      session,
      store,
      pool,
      offsets,
      quality,
      goldCursorMs: gold.cursorMs,
      loader: {
        healthy: stream.state === "consuming",
        detail: stream.lastError,
        inputRowsPerSecond: rate,
        newestLoadedMs: newestLoaded.length ? Math.max(...newestLoaded) : null,
        groupId,
      },
      nowMs,
      ...(options.fetchHealth ? { fetchHealth: options.fetchHealth } : {}),
    });
    health.pipeline = Object.fromEntries(rows.map((r) => [r.stage, r.lagRecords]));
    health.lastRunAt = new Date(nowMs).toISOString();
    if (stream.state === "retrying")
      throw new KpiStreamError(`provisional KPI stream down: ${stream.lastError ?? "?"}`, undefined);
  }

  return {
    everyMs: durationMs(config.pipeline.loaderTrigger),
    run(session) {
      // stop() waits for a run in flight before it closes the pool
      const current = run(session);
      inFlight = current.catch(() => undefined);
      return current;
    },
    async start() {
      consumer.start();
    },
    async stop() {
      await inFlight;
      await consumer.stop();
      await offsets.close();
      if (ownPool) await pool.end();
    },
    health: () => ({
      loader: {
        ...health,
        provisional: { ...consumer.health(), freshness: freshness.summary() },
        badRows: badRows.health(),
      },
    }),
    degraded: () => badRows.degraded(),
  };
}
