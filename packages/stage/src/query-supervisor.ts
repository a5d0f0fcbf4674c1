import type { Logger } from "@ecomstream/runtime";
import {
  SparkConnectionError,
  SparkError,
  SparkSession,
  type StreamingQuery,
  type StreamingQueryProgress,
} from "@ecomstream/spark-connect";
import { Backoff } from "./backoff.js";

/** The server is gone, or restarted and no longer knows this session: reconnect and restart. */
function sessionLost(error: unknown): boolean {
  return (
    error instanceof SparkConnectionError ||
    (error instanceof SparkError && (error.errorClass ?? "").startsWith("INVALID_HANDLE"))
  );
}

/** A streaming query a stage owns: a unique name and how to start it (from its checkpoint). */
export interface ManagedQuery {
  name: string;
  start(session: SparkSession): Promise<StreamingQuery>;
}

export type QueryPhase = "starting" | "running" | "failed" | "stopped";

export interface QueryState {
  name: string;
  phase: QueryPhase;
  id?: string;
  runId?: string;
  adopted: boolean;
  restarts: number;
  lastError?: { message: string; errorClass?: string; at: string };
  lastProgress: StreamingQueryProgress | null;
  /** Newest event time (the watermarked column) any batch seen so far has processed, ISO. */
  maxEventTime?: string;
  /** Of the last batch with event times: its end minus its newest event time, in ms. */
  batchFreshnessMs?: number;
}

/** Folds one progress report's event-time statistics into a query's state. */
export function noteEventTime(state: QueryState, progress: StreamingQueryProgress | null): void {
  const max = progress?.eventTime?.max;
  if (!progress || !max) return;
  const maxMs = Date.parse(max);
  if (!Number.isFinite(maxMs)) return;
  if (state.maxEventTime === undefined || maxMs > Date.parse(state.maxEventTime)) state.maxEventTime = max;
  const endMs = Date.parse(progress.timestamp) + (progress.durationMs?.triggerExecution ?? 0);
  if (Number.isFinite(endMs)) state.batchFreshnessMs = Math.max(0, endMs - maxMs);
}

export interface SupervisorOptions {
  remote: string;
  sessionId: string;
  queries: ManagedQuery[];
  logger: Logger;
  pollMs?: number;
  backoffMaxMs?: number;
  /** A new session id, when the server says the current one was released (it cannot be reused). */
  renewSessionId?: () => string;
}

interface Slot {
  spec: ManagedQuery;
  handle?: StreamingQuery;
  state: QueryState;
  backoff: Backoff;
  retryAt: number;
}

/**
 * Keeps a stage's streaming queries running on the Spark server. Queries live on the server, not
 * in this process: on start it reconnects with the stage's session id and adopts queries that still
 * run (by name); a query that died is restarted from its checkpoint with backoff, its error logged
 * once; a lost server is reconnected to and every query restarted from its checkpoint. Spark stops
 * an older run of the same checkpoint when a new one starts, so there are never two copies.
 */
export class QuerySupervisor {
  private session: SparkSession | undefined;
  private readonly slots: Slot[];
  private timer: NodeJS.Timeout | undefined;
  private ticking = false;
  private readonly pollMs: number;
  private sessionId: string;
  private readonly connectBackoff: Backoff;
  private connectRetryAt = 0;
  private connectError: string | undefined;

  constructor(private readonly options: SupervisorOptions) {
    this.pollMs = options.pollMs ?? 2000;
    this.sessionId = options.sessionId;
    this.connectBackoff = new Backoff(1000, options.backoffMaxMs ?? 30_000);
    this.slots = options.queries.map((spec) => ({
      spec,
      state: { name: spec.name, phase: "starting", adopted: false, restarts: 0, lastProgress: null },
      backoff: new Backoff(1000, options.backoffMaxMs ?? 60_000),
      retryAt: 0,
    }));
  }

  /** Connects, adopts or starts every query, then keeps watching them. */
  async start(): Promise<void> {
    await this.tick();
    this.timer = setInterval(() => void this.tick(), this.pollMs);
  }

  /** Stops watching. Queries keep running on the server unless `stopQueries` is set. */
  async stop(options: { stopQueries?: boolean } = {}): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    if (options.stopQueries) {
      for (const slot of this.slots) {
        await slot.handle?.stop().catch(() => undefined);
        slot.state.phase = "stopped";
      }
    }
    this.session?.detach();
    this.session = undefined;
  }

  states(): QueryState[] {
    return this.slots.map((slot) => ({ ...slot.state }));
  }

  get connected(): boolean {
    return this.session !== undefined;
  }

  get connectionError(): string | undefined {
    return this.connectError;
  }

  /** The live session (for a stage's batch work between polls); undefined while disconnected. */
  get currentSession(): SparkSession | undefined {
    return this.session;
  }

  private async connect(): Promise<SparkSession | undefined> {
    if (this.session) return this.session;
    if (Date.now() < this.connectRetryAt) return undefined;
    try {
      this.session = await SparkSession.connect(this.options.remote, { sessionId: this.sessionId });
      this.connectBackoff.reset();
      if (this.connectError)
        this.options.logger.info({ remote: this.options.remote }, "reconnected to Spark Connect");
      this.connectError = undefined;
      return this.session;
    } catch (error) {
      const message = (error as Error).message;
      if (message !== this.connectError)
        this.options.logger.error({ err: message }, "cannot reach Spark Connect");
      this.connectError = message;
      this.connectRetryAt = Date.now() + this.connectBackoff.next();
      this.renewIfReleased(error);
      return undefined;
    }
  }

  private async tick(): Promise<void> {
    if (this.ticking) return;
    this.ticking = true;
    try {
      const session = await this.connect();
      if (!session) return;
      const active = await session.streams.active();
      for (const slot of this.slots) await this.watch(session, slot, active);
    } catch (error) {
      if (sessionLost(error)) this.disconnected(error as Error);
      else this.options.logger.error({ err: (error as Error).message }, "query supervision failed");
    } finally {
      this.ticking = false;
    }
  }

  /** A released session (e.g. by `./ecom down` on a shared server) is replaced by a new one. */
  private renewIfReleased(error: unknown): void {
    if (!(error instanceof SparkError) || error.errorClass !== "INVALID_HANDLE.SESSION_CLOSED") return;
    if (!this.options.renewSessionId) return;
    this.sessionId = this.options.renewSessionId();
    this.options.logger.info(
      { sessionId: this.sessionId },
      "the Spark session was released; using a new one",
    );
  }

  private disconnected(error: Error): void {
    this.renewIfReleased(error);
    this.options.logger.error({ err: error.message }, "lost Spark Connect; queries restart from checkpoints");
    this.session?.detach();
    this.session = undefined;
    this.connectError = error.message;
    for (const slot of this.slots) {
      slot.handle = undefined;
      slot.state.phase = "starting";
    }
  }

  private async watch(session: SparkSession, slot: Slot, active: StreamingQuery[]): Promise<void> {
    const running = active.find((q) => q.name === slot.spec.name);
    if (running) {
      if (!slot.handle || slot.handle.runId !== running.runId) {
        slot.state.adopted = slot.handle === undefined && slot.state.phase === "starting";
        if (slot.state.adopted) this.options.logger.info({ query: slot.spec.name }, "adopted running query");
      }
      slot.handle = running;
      slot.state.phase = "running";
      slot.state.id = running.id;
      slot.state.runId = running.runId;
      const progress = await running.lastProgress();
      if (progress && progress.batchId !== slot.state.lastProgress?.batchId)
        noteEventTime(slot.state, progress);
      slot.state.lastProgress = progress ?? slot.state.lastProgress;
      if (slot.state.lastProgress) slot.backoff.reset();
      return;
    }
    if (slot.handle && slot.state.phase === "running") await this.recordFailure(slot, slot.handle);
    if (Date.now() < slot.retryAt) return;
    await this.startQuery(session, slot);
  }

  private async recordFailure(slot: Slot, handle: StreamingQuery): Promise<void> {
    const exception = await handle.exception().catch(() => null);
    const message = exception?.message ?? "query stopped without an error";
    slot.state.phase = "failed";
    slot.state.lastError = {
      message: message.split("\n")[0] ?? message,
      ...(exception?.errorClass ? { errorClass: exception.errorClass } : {}),
      at: new Date().toISOString(),
    };
    const delay = slot.backoff.next();
    slot.retryAt = Date.now() + delay;
    slot.handle = undefined;
    this.options.logger.error(
      {
        query: slot.spec.name,
        errorClass: exception?.errorClass,
        err: slot.state.lastError.message,
        retryInMs: delay,
      },
      "streaming query failed; restarting from its checkpoint",
    );
  }

  private async startQuery(session: SparkSession, slot: Slot): Promise<void> {
    const restarting = slot.state.phase === "failed";
    try {
      const query = await slot.spec.start(session);
      slot.handle = query;
      slot.state.phase = "running";
      slot.state.id = query.id;
      slot.state.runId = query.runId;
      if (restarting) slot.state.restarts += 1;
    } catch (error) {
      if (sessionLost(error)) throw error;
      const delay = slot.backoff.next();
      slot.retryAt = Date.now() + delay;
      slot.state.phase = "failed";
      slot.state.lastError = {
        message: (error as Error).message.split("\n")[0] ?? "",
        at: new Date().toISOString(),
      };
      this.options.logger.error(
        { query: slot.spec.name, err: slot.state.lastError.message, retryInMs: delay },
        "cannot start streaming query",
      );
    }
  }
}
