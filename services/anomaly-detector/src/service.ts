import type { Server } from "node:http";
import type { Logger } from "@ecomstream/runtime";
import { Backoff, startStageServer } from "@ecomstream/stage";
import type pg from "pg";
import { baseMetric } from "./breakdown.js";
import { type DetectorPassResult, detectPass } from "./detector.js";
import type { DetectorEngine } from "./engine.js";
import { type DetectorMetrics, detectorMetrics } from "./metrics.js";
import { minuteMs } from "./types.js";
import { type WebhookSender, webhookEvent } from "./webhook.js";

export interface DetectorServiceDeps {
  pool: pg.Pool;
  engine: DetectorEngine;
  logger: Logger;
  pollMs: number;
  /** Serve /health and /metrics here (undefined: no server, e.g. in tests). */
  port?: number | undefined;
  /** Address that server binds (default 127.0.0.1). */
  host?: string | undefined;
  webhook?: WebhookSender | undefined;
  /** The clock minutes are judged against (tests run simulated time). */
  now?: () => number;
}

/**
 * The detector as a service: a pass every `pollMs`, /health and /metrics, webhook delivery. A failed
 * pass is logged (once per distinct error), counted and retried with exponential backoff (1 s
 * doubling up to `pollMs`, at least 30 s); the loop goes on while the process lives, and /health
 * shows the service as degraded meanwhile.
 */
export class DetectorService {
  readonly metrics: DetectorMetrics = detectorMetrics();
  private timer: NodeJS.Timeout | undefined;
  private server: Server | undefined;
  private running: Promise<unknown> = Promise.resolve();
  private lastPass: { atMs: number; judged: number; cursorMs: number | null; open: number } | undefined;
  private lastError: string | undefined;
  private failedPasses = 0;
  private stopped = false;
  private readonly backoff: Backoff;
  private readonly now: () => number;

  constructor(private readonly deps: DetectorServiceDeps) {
    this.now = deps.now ?? Date.now;
    this.backoff = new Backoff(Math.min(1000, deps.pollMs), Math.max(30_000, deps.pollMs));
  }

  async start(): Promise<void> {
    if (this.deps.port !== undefined)
      this.server = await startStageServer(
        this.deps.port,
        () => this.health(),
        this.metrics.registry,
        this.deps.host,
      );
    this.stopped = false;
    await this.pass();
    this.schedule();
  }

  /** The next pass: after pollMs, or after the backoff while passes fail. */
  private schedule(): void {
    if (this.stopped) return;
    const delay = this.lastError === undefined ? this.deps.pollMs : this.backoff.next();
    this.timer = setTimeout(() => {
      const current = this.pass();
      this.running = current;
      void current.finally(() => this.schedule());
    }, delay);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
    await this.deps.webhook?.drain();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** One pass now; errors are recorded (health, metrics, one log line) and retried by the next pass. */
  async pass(): Promise<DetectorPassResult | undefined> {
    const nowMs = this.now();
    try {
      const result = await detectPass(this.deps.pool, this.deps.engine, nowMs);
      this.record(result, nowMs);
      if (this.lastError)
        this.deps.logger.info({ failedPasses: this.failedPasses }, "detection passes succeed again");
      this.lastError = undefined;
      this.failedPasses = 0;
      this.backoff.reset();
      return result;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (message !== this.lastError) this.deps.logger.error({ err: error }, "detection pass failed");
      this.lastError = message;
      this.failedPasses += 1;
      this.metrics.passErrors.inc();
      return undefined;
    }
  }

  private record(result: DetectorPassResult, nowMs: number): void {
    const m = this.metrics;
    m.minutesJudged.inc(result.judged);
    for (const change of result.changes) {
      const a = change.alert;
      if (change.type === "opened") {
        // a breakdown alert counts under its metric (labels stay low-cardinality)
        m.alertsOpened.inc({ metric: baseMetric(a.metric), kind: a.kind });
        this.deps.logger.warn(
          { alert: a.id, metric: a.metric, kind: a.kind, severity: a.severity },
          a.message,
        );
      } else if (change.type === "resolved") {
        m.alertsResolved.inc({ metric: baseMetric(a.metric) });
        this.deps.logger.info({ alert: a.id, metric: a.metric }, "alert resolved");
      }
      const event = webhookEvent(change);
      if (event) this.deps.webhook?.send(event);
    }
    const open = Object.keys(result.state.open).length;
    m.openAlerts.set(open);
    if (result.state.cursorMs !== null) m.lagSeconds.set((nowMs - result.state.cursorMs - minuteMs) / 1000);
    this.lastPass = { atMs: nowMs, judged: result.judged, cursorMs: result.state.cursorMs, open };
  }

  health() {
    return {
      // a failing pass is retried: the detector is degraded, not down
      healthy: true,
      degraded: this.lastError !== undefined,
      ...(this.lastError
        ? {
            degradedReasons: [
              `detection pass failed ${this.failedPasses}x in a row, retrying: ${this.lastError}`,
            ],
          }
        : {}),
      lastPassAt: this.lastPass ? new Date(this.lastPass.atMs).toISOString() : null,
      judgedThrough:
        this.lastPass?.cursorMs == null ? null : new Date(this.lastPass.cursorMs + minuteMs).toISOString(),
      openAlerts: this.lastPass?.open ?? 0,
      webhookBacklog: this.deps.webhook?.backlog ?? 0,
      ...(this.lastError ? { loopError: this.lastError } : {}),
    };
  }
}
