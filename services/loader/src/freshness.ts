import { Histogram } from "prom-client";

/** Percentiles of recent freshness samples (milliseconds), for /health and metrics. */
export interface FreshnessSummary {
  samples: number;
  p50Ms: number | null;
  p95Ms: number | null;
  maxMs: number | null;
  lastMs: number | null;
}

/**
 * A row's freshness: upsert time minus its newest event time (`maxEventTsMs`, the provisional
 * stream's max_event_ts) when known, else minus the newest event it can hold,
 * min(window_end, updated_at), which makes it a lower bound.
 */
export function rowFreshnessMs(
  upsertedMs: number,
  windowEndMs: number,
  updatedAtMs: number,
  maxEventTsMs: number | null = null,
): number {
  return Math.max(0, upsertedMs - (maxEventTsMs ?? Math.min(windowEndMs, updatedAtMs)));
}

/**
 * Serving freshness as a Prometheus histogram, by source (`provisional`, `gold`): for each row
 * upserted, the upsert time minus the row's newest event time (see `rowFreshnessMs`). Registered
 * by the stage.
 */
export function servingFreshnessHistogram(): Histogram<"source"> {
  return new Histogram({
    name: "ecom_loader_serving_freshness_seconds",
    help: "kpi_minute rows upserted: upsert time - the row's newest event time (max_event_ts; else min(window_end, updated_at), a lower bound)",
    labelNames: ["source"],
    buckets: [0.5, 1, 2, 3, 5, 7.5, 10, 15, 20, 30, 60, 90, 120, 300, 900, 3600],
    registers: [],
  });
}

/**
 * Freshness of provisional rows: for each row written, `upserted - max_event_ts`, the time from
 * the newest event the row holds to the row becoming visible in Postgres. A record without
 * max_event_ts gives `upserted - min(window_end, updated_at)` (the newest event a row can hold is
 * no later than its window's end nor than the moment gold's stream computed it), a lower bound.
 * Keeps the last `capacity` samples.
 */
export class FreshnessTracker {
  private readonly samples: number[] = [];
  private next = 0;
  private last: number | null = null;

  /** `observe` also receives each sample, in seconds (e.g. a Prometheus histogram). */
  constructor(
    private readonly capacity = 1000,
    private readonly observe?: (seconds: number) => void,
  ) {}

  record(
    upsertedMs: number,
    windowEndMs: number,
    updatedAtMs: number,
    maxEventTsMs: number | null = null,
  ): number {
    const lag = rowFreshnessMs(upsertedMs, windowEndMs, updatedAtMs, maxEventTsMs);
    this.observe?.(lag / 1000);
    if (this.samples.length < this.capacity) this.samples.push(lag);
    else this.samples[this.next] = lag;
    this.next = (this.next + 1) % this.capacity;
    this.last = lag;
    return lag;
  }

  summary(): FreshnessSummary {
    const sorted = [...this.samples].sort((a, b) => a - b);
    const at = (q: number) =>
      sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]! : null;
    return {
      samples: sorted.length,
      p50Ms: at(0.5),
      p95Ms: at(0.95),
      maxMs: sorted.length ? sorted[sorted.length - 1]! : null,
      lastMs: this.last,
    };
  }
}
