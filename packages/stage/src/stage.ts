import type { Server } from "node:http";
import { join } from "node:path";
import { type LakeLayout, lakeLayout } from "@ecomstream/lake-model";
import { createLogger, describeError, type EcomConfig, type Logger, loadConfig } from "@ecomstream/runtime";
import type { SparkSession } from "@ecomstream/spark-connect";
import type { Registry } from "prom-client";
import { LoopRunner } from "./loop-runner.js";
import { stageMetrics } from "./metrics.js";
import { type ManagedQuery, type QueryState, QuerySupervisor } from "./query-supervisor.js";
import { renewStageSessionId, stageSessionId } from "./session-store.js";
import { startStageServer } from "./stage-server.js";

export interface StageContext {
  config: EcomConfig;
  lake: LakeLayout;
  logger: Logger;
}

/** Periodic batch work of a stage beside its streaming queries (e.g. gold's restatement). */
export interface StageLoop {
  everyMs: number;
  run(session: SparkSession): Promise<void>;
  /** Extra fields for /health. */
  health?(): Record<string, unknown>;
  /** Starts work beside the loop that needs no Spark session (e.g. a Kafka consumer). */
  start?(): Promise<void>;
  /** Stops that work; awaited by `Stage.stop`. */
  stop?(): Promise<void>;
  /**
   * Why the loop's work is degraded though it goes on (e.g. bad rows skipped lately), or undefined.
   * /health then says `degraded` (still healthy: `./ecom status` shows the stage as degraded, not down).
   */
  degraded?(): string | undefined;
}

export interface StageDefinition {
  name: string;
  port(config: EcomConfig): number;
  queries(ctx: StageContext): ManagedQuery[];
  loop?(ctx: StageContext): StageLoop;
  metrics?(registry: Registry): void;
}

/**
 * A pipeline stage: its supervised streaming queries, an optional batch loop, and an HTTP server
 * with /health and /metrics. `start`, `stop`, `health`, with its dependencies passed in.
 */
export class Stage {
  readonly ctx: StageContext;
  private readonly supervisor: QuerySupervisor;
  private readonly loop: StageLoop | undefined;
  private readonly loopRunner: LoopRunner | undefined;
  private server: Server | undefined;

  constructor(
    private readonly definition: StageDefinition,
    config: EcomConfig,
    logger: Logger = createLogger(definition.name),
  ) {
    this.ctx = { config, lake: lakeLayout(config.lake.uri), logger };
    const sessionFile = join(config.home, "run", `${definition.name}.session`);
    this.supervisor = new QuerySupervisor({
      remote: config.spark.remote,
      sessionId: stageSessionId(sessionFile),
      renewSessionId: () => renewStageSessionId(sessionFile),
      queries: definition.queries(this.ctx),
      logger,
    });
    this.loop = definition.loop?.(this.ctx);
    this.loopRunner = this.loop
      ? new LoopRunner(this.loop, () => this.supervisor.currentSession, logger)
      : undefined;
  }

  async start(options: { serve?: boolean } = {}): Promise<void> {
    await this.supervisor.start();
    await this.loop?.start?.();
    this.loopRunner?.start();
    if (options.serve !== false) {
      const registry = stageMetrics(
        this.definition.name,
        () => this.supervisor.states(),
        (r) => {
          this.loopRunner?.register(r);
          this.definition.metrics?.(r);
        },
      );
      this.server = await startStageServer(
        this.definition.port(this.ctx.config),
        () => this.health(),
        registry,
        this.ctx.config.bindAddress,
      );
    }
  }

  /** Runs the batch loop once now unless a pass is under way (tests and shutdown use it). */
  async runLoop(): Promise<void> {
    await this.loopRunner?.runOnce();
  }

  /** Stops this process's work; the streaming queries keep running on Spark unless asked. */
  async stop(options: { stopQueries?: boolean } = {}): Promise<void> {
    // a pass under way finishes before the session it uses is closed
    await this.loopRunner?.stop();
    await this.loop?.stop?.();
    await this.supervisor.stop(options);
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  queries(): QueryState[] {
    return this.supervisor.states();
  }

  health() {
    const queries = this.supervisor.states();
    const loopError = this.loopRunner?.status().lastError;
    const degraded = [this.loopRunner?.trouble(), this.loop?.degraded?.()].filter(
      (reason): reason is string => reason !== undefined,
    );
    return {
      stage: this.definition.name,
      // a failing loop pass is retried; the stage is degraded, not down
      healthy: this.supervisor.connected && queries.every((q) => q.phase === "running"),
      degraded: degraded.length > 0,
      ...(degraded.length > 0 ? { degradedReasons: degraded } : {}),
      spark: this.supervisor.connected
        ? "connected"
        : `disconnected: ${this.supervisor.connectionError ?? "?"}`,
      queries: queries.map((q) => ({
        name: q.name,
        phase: q.phase,
        adopted: q.adopted,
        restarts: q.restarts,
        lastError: q.lastError,
        batchId: q.lastProgress?.batchId,
        numInputRows: q.lastProgress?.numInputRows,
        inputRowsPerSecond: q.lastProgress?.inputRowsPerSecond,
        processedRowsPerSecond: q.lastProgress?.processedRowsPerSecond,
        batchDurationMs: q.lastProgress?.durationMs?.triggerExecution,
        lastBatchAt: q.lastProgress?.timestamp,
        /** Where the last batch ended in each source (Kafka: {topic: {partition: offset}}); lag is measured from it. */
        sourceEndOffsets: q.lastProgress?.sources.map((s) => s.endOffset),
        maxEventTime: q.maxEventTime,
        freshnessSeconds:
          q.maxEventTime === undefined ? undefined : (Date.now() - Date.parse(q.maxEventTime)) / 1000,
        batchFreshnessMs: q.batchFreshnessMs,
      })),
      ...(this.loop?.health?.() ?? {}),
      ...(this.loopRunner ? { loopPasses: this.loopRunner.status() } : {}),
      ...(loopError ? { loopError } : {}),
    };
  }
}

/** Entry point of a stage's process: start, log once, stop cleanly on SIGINT/SIGTERM. */
export async function runStageProcess(definition: StageDefinition): Promise<void> {
  let config: EcomConfig;
  try {
    config = loadConfig();
  } catch (error) {
    process.stderr.write(`${definition.name}: ${describeError(error)}\n`);
    process.exit(1);
  }
  const logger = createLogger(definition.name);
  const stage = new Stage(definition, config, logger);
  try {
    await stage.start();
  } catch (error) {
    logger.fatal({ err: describeError(error) }, "stage cannot start");
    process.exit(1);
  }
  logger.info({ port: definition.port(config) }, "stage started");
  const shutdown = async (signal: string) => {
    logger.info({ signal }, "stopping; streaming queries keep running on Spark");
    await stage.stop();
    process.exit(0);
  };
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
}
