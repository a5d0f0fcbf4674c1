import type { Logger } from "@ecomstream/runtime";
import { Backoff } from "@ecomstream/stage";
import {
  Consumer,
  type Message,
  type MessagesStream,
  MessagesStreamFallbackModes,
  MessagesStreamModes,
  stringDeserializers,
} from "@platformatic/kafka";
import type pg from "pg";
import { Counter } from "prom-client";
import type { BadRowLog } from "./bad-rows.js";
import { KpiStreamError, ServingWriteError } from "./errors.js";
import type { FreshnessTracker } from "./freshness.js";
import { upsertSkippingBad } from "./kpi-load.js";
import { type KpiRow, kpiRowFromJson, windowEndMs, windowStartMs } from "./kpi-row.js";

type KpiMessage = Message<string, string, string, string>;

export interface KpiConsumerOptions {
  bootstrap: string;
  topic: string;
  /** Consumer group (`ecom-loader.<topic>`); offsets are committed after the upsert. */
  groupId: string;
  pool: pg.Pool;
  logger: Logger;
  freshness: FreshnessTracker;
  /** Where records that are not kpi_minute rows are logged once and counted (skipped either way). */
  badRows?: BadRowLog;
  /** Counts failures that are retried (see kpiStreamFailuresCounter). */
  failures?: Counter<"kind">;
  clock?: () => number;
}

/** `ecom_loader_kpi_stream_failures_total{kind}`: KPI topic connections lost and loads refused, each retried. */
export function kpiStreamFailuresCounter(): Counter<"kind"> {
  const counter = new Counter({
    name: "ecom_loader_kpi_stream_failures_total",
    help: "failures of the provisional KPI stream, retried with backoff: kind=connect (Kafka) or write (Postgres)",
    labelNames: ["kind"],
    registers: [],
  });
  counter.inc({ kind: "connect" }, 0);
  counter.inc({ kind: "write" }, 0);
  return counter;
}

export interface KpiConsumerHealth {
  state: "idle" | "connecting" | "consuming" | "retrying" | "stopped";
  received: number;
  /** Records received and not yet loaded and committed. */
  pending: number;
  written: number;
  /** Records that are not kpi_minute rows (or that Postgres refuses): skipped and committed past. */
  rejected: number;
  lastUpsertAt: string | null;
  /** The newest updated_at of a row this consumer wrote. */
  newestRowUpdatedAt: string | null;
  lastError: string | null;
}

/** Most records one upsert takes. */
const maxBatch = 2000;

/**
 * Provisional rows: consumes the KPI topic and upserts each batch into kpi_minute
 * (`is_final=false, source='provisional'`; never over a final row nor with an older update), then
 * commits the offsets: at-least-once delivery on an idempotent upsert. A record that is not a
 * kpi_minute row, or one Postgres refuses for what it holds, is skipped (logged once with its
 * topic/partition/offset, counted) and the rest of its batch loaded. A failed upsert keeps the
 * batch and retries it with backoff (the stream pauses meanwhile); a lost connection reconnects
 * from the committed offsets.
 */
export class KpiConsumer {
  private consumer: Consumer<string, string, string, string> | undefined;
  private stream: MessagesStream<string, string, string, string> | undefined;
  private buffer: KpiMessage[] = [];
  private flushing = false;
  private stopping = false;
  private running: Promise<void> | undefined;
  private readonly connectBackoff = new Backoff(1000, 30_000);
  private readonly writeBackoff = new Backoff(500, 30_000);
  private readonly clock: () => number;
  private readonly status: KpiConsumerHealth = {
    state: "idle",
    received: 0,
    pending: 0,
    written: 0,
    rejected: 0,
    lastUpsertAt: null,
    newestRowUpdatedAt: null,
    lastError: null,
  };

  constructor(private readonly options: KpiConsumerOptions) {
    this.clock = options.clock ?? Date.now;
  }

  /** Starts consuming in the background (never throws; failures show in health and retry). */
  start(): void {
    this.stopping = false;
    this.running ??= this.run();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.closeClients();
    await this.running;
    this.running = undefined;
    for (let i = 0; i < 50 && this.flushing; i++) await sleep(100);
    this.status.state = "stopped";
  }

  health(): KpiConsumerHealth {
    return { ...this.status, pending: this.buffer.length };
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      this.status.state = "connecting";
      try {
        await this.consumeUntilClosed();
        this.connectBackoff.reset();
      } catch (error) {
        this.options.failures?.inc({ kind: "connect" });
        this.fail(new KpiStreamError(`KPI topic ${this.options.topic}: ${(error as Error).message}`, error));
      }
      await this.closeClients();
      this.buffer = []; // uncommitted: the group redelivers them
      if (!this.stopping) {
        this.status.state = "retrying";
        await sleep(this.connectBackoff.next(), () => this.stopping);
      }
    }
  }

  private async consumeUntilClosed(): Promise<void> {
    const { bootstrap, topic, groupId } = this.options;
    this.consumer = new Consumer({
      groupId,
      clientId: "ecom-loader",
      bootstrapBrokers: bootstrap.split(",").map((b) => b.trim()),
      deserializers: stringDeserializers,
      maxWaitTime: 500,
    });
    const stream = await this.consumer.consume({
      topics: [topic],
      mode: MessagesStreamModes.COMMITTED,
      fallbackMode: MessagesStreamFallbackModes.EARLIEST,
      autocommit: false,
    });
    this.stream = stream;
    this.status.state = "consuming";
    await new Promise<void>((resolve, reject) => {
      stream.on("data", (message: KpiMessage) => this.accept(message));
      stream.once("error", reject);
      stream.once("close", () => resolve());
    });
  }

  private async closeClients(): Promise<void> {
    const stream = this.stream;
    const consumer = this.consumer;
    this.stream = undefined;
    this.consumer = undefined;
    if (stream) await new Promise<void>((resolve) => stream.close(() => resolve()));
    if (consumer) await new Promise<void>((resolve) => consumer.close(true, () => resolve()));
  }

  private accept(message: KpiMessage): void {
    this.status.received += 1;
    this.buffer.push(message);
    if (this.buffer.length >= maxBatch) this.stream?.pause();
    this.scheduleFlush();
  }

  private scheduleFlush(delayMs = 0): void {
    if (this.flushing) return;
    this.flushing = true;
    setTimeout(() => void this.flush(), delayMs);
  }

  private async flush(): Promise<void> {
    try {
      while (this.buffer.length > 0) {
        const batch = this.buffer.slice(0, maxBatch);
        await this.load(batch);
        this.buffer.splice(0, batch.length);
      }
      this.writeBackoff.reset();
    } catch (error) {
      this.options.failures?.inc({ kind: "write" });
      this.fail(error);
      this.stream?.pause();
      this.flushing = false;
      if (!this.stopping) this.scheduleFlush(this.writeBackoff.next());
      return;
    }
    this.flushing = false;
    if (this.stream?.isPaused()) this.stream.resume();
  }

  /** Upserts a batch, records freshness of the rows written, then commits past the batch. */
  private async load(batch: readonly KpiMessage[]): Promise<void> {
    const items: Array<{ row: KpiRow; message: KpiMessage }> = [];
    for (const message of batch) {
      try {
        items.push({ row: kpiRowFromJson(message.value ?? ""), message });
      } catch (error) {
        this.reject(message, (error as Error).message);
      }
    }
    const rows = items.map((item) => item.row);
    let written: number[] = [];
    if (items.length > 0) {
      try {
        written = await upsertSkippingBad(this.options.pool, items, "provisional", ({ message }, reason) =>
          this.reject(message, reason),
        );
      } catch (error) {
        throw new ServingWriteError("provisional kpi_minute rows", error);
      }
    }
    const now = this.clock();
    const writtenSet = new Set(written);
    let newest =
      this.status.newestRowUpdatedAt === null ? -Infinity : Date.parse(this.status.newestRowUpdatedAt);
    for (const row of rows)
      if (writtenSet.has(windowStartMs(row))) {
        this.options.freshness.record(now, windowEndMs(row), row.updatedAtMs, row.maxEventTsMs);
        newest = Math.max(newest, row.updatedAtMs);
      }
    if (Number.isFinite(newest)) this.status.newestRowUpdatedAt = new Date(newest).toISOString();
    this.status.written += written.length;
    if (written.length > 0) this.status.lastUpsertAt = new Date(now).toISOString();
    await this.commit(batch);
  }

  private async commit(batch: readonly KpiMessage[]): Promise<void> {
    const last = new Map<string, KpiMessage>();
    for (const message of batch) last.set(`${message.topic}/${message.partition}`, message);
    for (const message of last.values()) {
      try {
        await new Promise<void>((resolve, reject) => {
          message.commit((error) => (error ? reject(error) : resolve()));
        });
      } catch (error) {
        // a rebalance may refuse it: the records come again and the upsert ignores them
        this.fail(new KpiStreamError(`cannot commit KPI offsets: ${(error as Error).message}`, error));
      }
    }
  }

  /** A record skipped for what it holds: logged once with its coordinates and counted. */
  private reject(message: KpiMessage, reason: string): void {
    const coordinates = {
      topic: message.topic,
      partition: message.partition,
      offset: String(message.offset),
    };
    const first = this.options.badRows?.note({ source: "provisional", coordinates, reason }) ?? true;
    if (first) this.status.rejected += 1;
    this.status.lastError = reason; // logged once by badRows, with its coordinates
  }

  /** Records an error for health; logs it once until a different one occurs. */
  private fail(error: unknown): void {
    const message = (error as Error).message?.split("\n")[0] ?? String(error);
    if (message !== this.status.lastError)
      this.options.logger.error({ err: message }, "provisional KPI load");
    this.status.lastError = message;
  }
}

function sleep(ms: number, cancelled?: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const started = Date.now();
    const timer = setInterval(
      () => {
        if (Date.now() - started >= ms || cancelled?.()) {
          clearInterval(timer);
          resolve();
        }
      },
      Math.min(ms, 100),
    );
  });
}
