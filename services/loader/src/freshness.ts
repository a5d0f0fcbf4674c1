/** Percentiles of recent freshness samples (milliseconds), for /health and metrics. */
export interface FreshnessSummary {
  samples: number;
  p50Ms: number | null;
  p95Ms: number | null;
  maxMs: number | null;
  lastMs: number | null;
}

/**
 * Freshness of provisional rows: for each row written, `upserted - min(window_end, updated_at)`.
 * The newest event a row can hold is no later than its window's end nor than the moment gold's
 * stream computed it (updated_at), so this is the delay between the row's latest possible window
 * activity and the row becoming visible in Postgres. Keeps the last `capacity` samples.
 */
export class FreshnessTracker {
  private readonly samples: number[] = [];
  private next = 0;
  private last: number | null = null;

  constructor(private readonly capacity = 1000) {}

  record(upsertedMs: number, windowEndMs: number, updatedAtMs: number): number {
    const lag = Math.max(0, upsertedMs - Math.min(windowEndMs, updatedAtMs));
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
