import type { Server } from "node:http";
import type { Logger } from "@ecomstream/runtime";
import { startStageServer } from "@ecomstream/stage";
import type pg from "pg";
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
  webhook?: WebhookSender | undefined;
  /** The clock minutes are judged against (tests run simulated time). */
  now?: () => number;
}

/** The detector as a service: a pass every `pollMs`, /health and /metrics, webhook delivery. */
export class DetectorService {
  readonly metrics: DetectorMetrics = detectorMetrics();
  private timer: NodeJS.Timeout | undefined;
  private server: Server | undefined;
  private running: Promise<unknown> = Promise.resolve();
  private lastPass: { atMs: number; judged: number; cursorMs: number | null; open: number } | undefined;
  private lastError: string | undefined;
  private readonly now: () => number;

  constructor(private readonly deps: DetectorServiceDeps) {
    this.now = deps.now ?? Date.now;
  }

  async start(): Promise<void> {
    if (this.deps.port !== undefined)
      this.server = await startStageServer(this.deps.port, () => this.health(), this.metrics.registry);
    await this.pass();
    this.timer = setInterval(() => {
      this.running = this.pass();
    }, this.deps.pollMs);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
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
      if (this.lastError) this.deps.logger.info("detection passes succeed again");
      this.lastError = undefined;
      return result;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (message !== this.lastError) this.deps.logger.error({ err: error }, "detection pass failed");
      this.lastError = message;
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
        m.alertsOpened.inc({ metric: a.metric, kind: a.kind });
        this.deps.logger.warn(
          { alert: a.id, metric: a.metric, kind: a.kind, severity: a.severity },
          a.message,
        );
      } else if (change.type === "resolved") {
        m.alertsResolved.inc({ metric: a.metric });
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
      healthy: this.lastError === undefined && this.lastPass !== undefined,
      lastPassAt: this.lastPass ? new Date(this.lastPass.atMs).toISOString() : null,
      judgedThrough:
        this.lastPass?.cursorMs == null ? null : new Date(this.lastPass.cursorMs + minuteMs).toISOString(),
      openAlerts: this.lastPass?.open ?? 0,
      webhookBacklog: this.deps.webhook?.backlog ?? 0,
      ...(this.lastError ? { loopError: this.lastError } : {}),
    };
  }
}
