import { percentile } from "./stats.js";

export interface ApiFreshness {
  p50Ms: number;
  p95Ms: number;
  /** Polls that gave a sample (the newest minute showed an event of this step). */
  samples: number;
  /** Polls that failed (no answer, not 200, or not a KPI latest body). */
  failures: number;
}

/**
 * One sample of a `GET /v1/kpis/latest` answer polled at `polledMs`: how old the newest event the
 * API shows is (`polledMs - minute.max_event_ts`). Undefined while the API shows no event at or
 * after `sinceMs` (the step's start: an older event measures the pause between steps, not the
 * pipeline), or no newest event time at all.
 */
export function apiFreshnessSample(body: unknown, polledMs: number, sinceMs: number): number | undefined {
  const minute = (body as { minute?: { max_event_ts?: unknown } | null } | null)?.minute;
  const newest = typeof minute?.max_event_ts === "string" ? Date.parse(minute.max_event_ts) : Number.NaN;
  if (!Number.isFinite(newest) || newest < sinceMs) return undefined;
  return Math.max(0, polledMs - newest);
}

/**
 * Polls the API's newest KPI minute every `everyMs` while a bench step runs: each answer gives the
 * age of the newest event visible through the API (event produced -> row visible to a client).
 */
export class ApiFreshnessPoller {
  private readonly samples: number[] = [];
  private failures = 0;
  private stopped = false;
  private running: Promise<void> | undefined;

  constructor(
    private readonly apiUrl: string,
    private readonly everyMs = 250,
  ) {}

  /** Starts polling; only events at or after `sinceMs` count. */
  start(sinceMs: number): void {
    this.running = this.poll(sinceMs);
  }

  async stop(): Promise<ApiFreshness> {
    this.stopped = true;
    await this.running;
    return {
      p50Ms: percentile(this.samples, 50),
      p95Ms: percentile(this.samples, 95),
      samples: this.samples.length,
      failures: this.failures,
    };
  }

  private async poll(sinceMs: number): Promise<void> {
    while (!this.stopped) {
      const started = Date.now();
      try {
        const response = await fetch(`${this.apiUrl}/v1/kpis/latest`, { signal: AbortSignal.timeout(5000) });
        const polledMs = Date.now();
        if (response.status !== 200) throw new Error(`status ${response.status}`);
        const sample = apiFreshnessSample(await response.json(), polledMs, sinceMs);
        if (sample !== undefined) this.samples.push(sample);
      } catch {
        this.failures += 1;
      }
      const wait = this.everyMs - (Date.now() - started);
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}
