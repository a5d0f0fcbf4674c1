import type { ServingListener } from "./serving-listener.js";

/** What the cache needs of serving's LISTEN connection. */
export type ChangeSignals = Pick<ServingListener, "on" | "listening" | "keepListening">;

export interface ResponseCacheStats {
  hits: number;
  misses: number;
  entries: number;
  bytes: number;
}

/**
 * Serialized responses of KPI queries, kept while nothing they read can have changed: every
 * kpi_minute change Postgres notifies (insert, update, delete, truncate) empties the cache, and
 * while the LISTEN connection is down nothing is kept or served from it (changes would go unseen).
 * A response computed while a change arrived is not kept, so a stored body is never older than the
 * last notification. Identical requests arriving while one is computed wait for it (a change that
 * empties the cache under load costs one query, not one per waiting client). Bounded by bytes,
 * least recently used first out.
 */
export class ResponseCache {
  private readonly entries = new Map<string, string>();
  /** Computations under way, joined by identical requests of the same generation. */
  private readonly pending = new Map<string, { generation: number; body: Promise<string> }>();
  private bytes = 0;
  /** Bumped by every change, connect and loss: a body computed across a bump is stale. */
  private generation = 0;
  readonly stats = { hits: 0, misses: 0 };

  constructor(
    private readonly listener: ChangeSignals,
    private readonly maxBytes: number,
    private readonly onLookup: (result: "hit" | "miss") => void = () => undefined,
  ) {
    if (maxBytes <= 0) return;
    const clear = () => this.clear();
    listener.on("kpiNotice", clear);
    listener.on("connected", clear);
    listener.on("lost", clear);
    listener.keepListening();
  }

  get enabled(): boolean {
    return this.maxBytes > 0 && this.listener.listening;
  }

  /** The cached body for `key`, else `compute()`'s, kept when no change arrived meanwhile. */
  async get(key: string, compute: () => Promise<string>): Promise<string> {
    if (!this.enabled) return compute();
    const cached = this.entries.get(key);
    if (cached !== undefined) {
      this.stats.hits += 1;
      this.onLookup("hit");
      this.entries.delete(key);
      this.entries.set(key, cached);
      return cached;
    }
    const generation = this.generation;
    const joined = this.pending.get(key);
    if (joined && joined.generation === generation) {
      this.stats.hits += 1;
      this.onLookup("hit");
      return joined.body;
    }
    this.stats.misses += 1;
    this.onLookup("miss");
    const body = compute();
    const entry = { generation, body };
    this.pending.set(key, entry);
    try {
      const text = await body;
      if (generation === this.generation && this.enabled && text.length <= this.maxBytes) this.put(key, text);
      return text;
    } finally {
      if (this.pending.get(key) === entry) this.pending.delete(key);
    }
  }

  private put(key: string, body: string): void {
    this.entries.set(key, body);
    this.bytes += body.length;
    for (const [oldest, value] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.bytes -= value.length;
    }
  }

  clear(): void {
    this.generation += 1;
    this.entries.clear();
    this.bytes = 0;
  }

  snapshot(): ResponseCacheStats {
    return { ...this.stats, entries: this.entries.size, bytes: this.bytes };
  }
}
