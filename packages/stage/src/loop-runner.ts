import type { Logger } from "@ecomstream/runtime";
import type { SparkSession } from "@ecomstream/spark-connect";
import { Counter, Gauge, type Registry } from "prom-client";
import { Backoff } from "./backoff.js";

/** The part of a stage's loop the runner drives (see StageLoop). */
export interface RunnableLoop {
  everyMs: number;
  run(session: SparkSession): Promise<void>;
}

export interface LoopStatus {
  /** Passes that ended, by outcome, since the stage started. */
  passes: number;
  failures: number;
  consecutiveFailures: number;
  /** First line of the last pass's error; cleared by a pass that succeeds. */
  lastError: string | undefined;
  /** When the pass under way started (ISO), if one is. */
  passStartedAt: string | undefined;
  /** When the next pass is due (ISO). */
  nextPassAt: string | undefined;
}

export interface LoopRunnerOptions {
  /** First retry after a failed pass (default min(1 s, everyMs)); doubles up to maxBackoffMs. */
  initialBackoffMs?: number;
  /** Longest wait between retries (default max(60 s, everyMs)). */
  maxBackoffMs?: number;
}

/** A pass running longer than this many intervals (at least 10 minutes) shows as stuck. */
const stuckIntervals = 10;

/**
 * Drives a stage's batch loop so that it never ends while the process lives: a pass every
 * `everyMs` after the previous one ended; a failed pass is logged (once per distinct error, and once
 * when passes succeed again), counted, and retried with exponential backoff. Without a Spark session
 * (the supervisor is reconnecting) a pass is skipped, not failed. One pass at a time.
 */
export class LoopRunner {
  private timer: NodeJS.Timeout | undefined;
  private current: Promise<void> | undefined;
  private stopped = true;
  private readonly backoff: Backoff;
  private readonly initialBackoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly passCounter = new Counter({
    name: "ecom_stage_loop_passes_total",
    help: "batch loop passes that ended, by outcome (ok, failed)",
    labelNames: ["outcome"],
    registers: [],
  });
  private readonly failingGauge = new Gauge({
    name: "ecom_stage_loop_consecutive_failures",
    help: "batch loop passes failed in a row (0 after a pass succeeds)",
    registers: [],
  });
  private readonly state: LoopStatus = {
    passes: 0,
    failures: 0,
    consecutiveFailures: 0,
    lastError: undefined,
    passStartedAt: undefined,
    nextPassAt: undefined,
  };

  constructor(
    private readonly loop: RunnableLoop,
    private readonly session: () => SparkSession | undefined,
    private readonly logger: Logger,
    options: LoopRunnerOptions = {},
  ) {
    this.initialBackoffMs = options.initialBackoffMs ?? Math.min(1000, loop.everyMs);
    this.maxBackoffMs = options.maxBackoffMs ?? Math.max(60_000, loop.everyMs);
    this.backoff = new Backoff(this.initialBackoffMs, this.maxBackoffMs);
    this.passCounter.inc({ outcome: "ok" }, 0);
    this.passCounter.inc({ outcome: "failed" }, 0);
  }

  /** Schedules the first pass `everyMs` from now. */
  start(): void {
    this.stopped = false;
    this.schedule(this.loop.everyMs);
  }

  /** No further pass; waits for the one under way. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.current;
  }

  /** Runs one pass now unless one is under way (tests and shutdown use it); never throws. */
  async runOnce(): Promise<void> {
    const session = this.session();
    if (!session || this.current || this.stopped) return;
    this.current = this.pass(session).finally(() => {
      this.current = undefined;
    });
    await this.current;
  }

  register(registry: Registry): void {
    registry.registerMetric(this.passCounter);
    registry.registerMetric(this.failingGauge);
  }

  status(): LoopStatus {
    return { ...this.state };
  }

  /** Why the loop is not doing its work, or undefined when it is (a failing or stuck pass). */
  trouble(nowMs = Date.now()): string | undefined {
    const started = this.state.passStartedAt === undefined ? undefined : Date.parse(this.state.passStartedAt);
    const stuckMs = Math.max(600_000, stuckIntervals * this.loop.everyMs);
    if (started !== undefined && nowMs - started > stuckMs)
      return `a loop pass has run for ${Math.round((nowMs - started) / 1000)} s`;
    if (this.state.lastError === undefined) return undefined;
    return `loop pass failed ${this.state.consecutiveFailures}x in a row, retrying: ${this.state.lastError}`;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.state.nextPassAt = new Date(Date.now() + delayMs).toISOString();
    this.timer = setTimeout(() => void this.tick(), delayMs);
  }

  private async tick(): Promise<void> {
    this.timer = undefined;
    try {
      await this.runOnce();
    } finally {
      this.schedule(this.state.lastError === undefined ? this.loop.everyMs : this.backoff.next());
    }
  }

  private async pass(session: SparkSession): Promise<void> {
    this.state.passStartedAt = new Date().toISOString();
    try {
      await this.loop.run(session);
      this.passCounter.inc({ outcome: "ok" });
      this.state.passes += 1;
      if (this.state.lastError !== undefined)
        this.logger.info({ failedPasses: this.state.consecutiveFailures }, "loop passes succeed again");
      this.state.lastError = undefined;
      this.state.consecutiveFailures = 0;
      this.backoff.reset();
    } catch (error) {
      const message = (error as Error)?.message?.split("\n")[0] || String(error);
      this.passCounter.inc({ outcome: "failed" });
      this.state.failures += 1;
      this.state.consecutiveFailures += 1;
      if (message !== this.state.lastError)
        this.logger.error({ err: message, retryInMs: this.peekBackoff() }, "loop pass failed; retrying");
      this.state.lastError = message;
    } finally {
      this.state.passStartedAt = undefined;
      this.failingGauge.set(this.state.consecutiveFailures);
    }
  }

  private peekBackoff(): number {
    return Math.min(this.maxBackoffMs, this.initialBackoffMs * 2 ** this.backoff.attempts);
  }
}
