import { EventEmitter } from "node:events";
import pg from "pg";
import { type Alert, alertColumns, toAlert } from "./alert-queries.js";
import { type Pool, readerRole } from "./db.js";
import { type KpiMinute, toMinute } from "./kpi-queries.js";

/** The channel the serving triggers notify (migration serving-notify). */
export const servingChannel = "ecom_serving";

export type ServingChange = { event: "kpi"; data: KpiMinute } | { event: "alert"; data: Alert };

interface Notice {
  table: string;
  /** The changed row's key; null when rows were removed (delete, truncate). */
  key: number | null;
}

function parseNotice(payload: string | undefined): Notice | undefined {
  try {
    const notice = JSON.parse(payload ?? "") as Partial<Notice>;
    if (typeof notice.table === "string" && (typeof notice.key === "number" || notice.key === null))
      return notice as Notice;
  } catch {}
  return undefined;
}

export interface ServingListenerOptions {
  /** How long notifications are gathered before their rows are read in one query each. */
  coalesceMs?: number;
  /** Longest wait between reconnects after the LISTEN connection is lost. */
  maxBackoffMs?: number;
}

/**
 * One LISTEN connection shared by every /v1/stream client. Notifications carry only keys; the
 * rows are read (coalesced every `coalesceMs`) and emitted as `change` events. The connection is
 * opened on the first subscriber and re-opened with backoff when lost; `error` is never emitted.
 */
export class ServingListener extends EventEmitter<{
  change: [ServingChange];
  /** At once on every kpi_minute notification, before its row is read. */
  kpiNotice: [];
  connected: [];
  /** The LISTEN connection was lost: changes go unseen until `connected`. */
  lost: [];
}> {
  private client: pg.Client | undefined;
  private connecting: Promise<void> | undefined;
  private closed = false;
  private backoffMs = 250;
  private retryTimer: NodeJS.Timeout | undefined;
  private flushTimer: NodeJS.Timeout | undefined;
  private readonly kpiKeys = new Set<number>();
  private readonly alertKeys = new Set<number>();
  lastError: string | undefined;

  constructor(
    private readonly url: string,
    private readonly pool: Pool,
    private readonly options: ServingListenerOptions = {},
  ) {
    super();
  }

  /** Listens from now on, retrying with backoff while Postgres cannot be reached. */
  keepListening(): void {
    this.ensureListening().catch(() => this.scheduleRetry());
  }

  /** Resolves once LISTEN is in place (rejects when Postgres cannot be reached now). */
  ensureListening(): Promise<void> {
    if (this.closed) return Promise.reject(new Error("the listener is closed"));
    if (this.client) return Promise.resolve();
    this.connecting ??= this.connect().finally(() => {
      this.connecting = undefined;
    });
    return this.connecting;
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.url,
      application_name: "ecom-api-listen",
      options: `-c role=${readerRole}`,
      connectionTimeoutMillis: 3000,
    });
    client.on("error", (error) => this.lost(client, error));
    client.on("end", () => this.lost(client, new Error("connection ended")));
    client.on("notification", (message) => this.notice(parseNotice(message.payload)));
    try {
      await client.connect();
      await client.query(`LISTEN ${servingChannel}`);
    } catch (error) {
      client.removeAllListeners();
      client.on("error", () => undefined);
      await client.end().catch(() => undefined);
      this.lastError = (error as Error).message;
      throw error;
    }
    if (this.closed) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.backoffMs = 250;
    this.lastError = undefined;
    this.emit("connected");
  }

  private lost(client: pg.Client, error: Error): void {
    if (this.client !== client) return;
    this.client = undefined;
    this.lastError = error.message;
    client.removeAllListeners();
    client.on("error", () => undefined);
    client.end().catch(() => undefined);
    this.emit("lost");
    if (!this.closed) this.scheduleRetry();
  }

  private scheduleRetry(): void {
    if (this.retryTimer || this.closed) return;
    const wait = this.backoffMs;
    this.backoffMs = Math.min(this.backoffMs * 2, this.options.maxBackoffMs ?? 30_000);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.ensureListening().catch(() => this.scheduleRetry());
    }, wait);
    this.retryTimer.unref();
  }

  private notice(notice: Notice | undefined): void {
    if (!notice) return;
    if (notice.table === "kpi_minute") {
      this.emit("kpiNotice");
      if (notice.key === null) return;
      this.kpiKeys.add(notice.key);
    } else if (notice.table === "alerts" && notice.key !== null) this.alertKeys.add(notice.key);
    else return;
    this.flushTimer ??= setTimeout(() => {
      this.flushTimer = undefined;
      void this.flush();
    }, this.options.coalesceMs ?? 50);
  }

  private async flush(): Promise<void> {
    const minutes = [...this.kpiKeys].map((ms) => new Date(ms));
    const alerts = [...this.alertKeys];
    this.kpiKeys.clear();
    this.alertKeys.clear();
    try {
      if (minutes.length > 0) {
        const { rows } = await this.pool.query(
          "select * from serving.kpi_minute where window_start = any($1::timestamptz[]) order by window_start",
          [minutes],
        );
        for (const row of rows) this.emit("change", { event: "kpi", data: toMinute(row) });
      }
      if (alerts.length > 0) {
        const { rows } = await this.pool.query(
          `select ${alertColumns} from serving.alerts where id = any($1::bigint[]) order by id`,
          [alerts],
        );
        for (const row of rows) this.emit("change", { event: "alert", data: toAlert(row) });
      }
    } catch (error) {
      // the rows are read again on their next change; a client that missed one refetches on reconnect
      this.lastError = (error as Error).message;
    }
  }

  get listening(): boolean {
    return this.client !== undefined;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.flushTimer) clearTimeout(this.flushTimer);
    await this.connecting?.catch(() => undefined);
    const client = this.client;
    this.client = undefined;
    if (client) {
      client.removeAllListeners();
      client.on("error", () => undefined);
      await client.end().catch(() => undefined);
    }
  }
}
