/** What the loader reads from a pipeline stage's /health answer (fields it does not know are ignored). */
export interface StageHealthReport {
  healthy?: boolean;
  spark?: string;
  queries?: Array<{
    name?: string;
    phase?: string;
    lastBatchAt?: string;
    inputRowsPerSecond?: number;
    /** Where the last batch ended in each source (Kafka: `{topic: {partition: offset}}`). */
    sourceEndOffsets?: unknown[];
    lastError?: { message?: string };
  }>;
  loopError?: string;
  /** The gold writer's restatement loop. */
  gold?: { lastRunAt?: string | null; silverVersionSeen?: number | null };
}

/** GETs `http://host:port/health`; null when the stage does not answer (down or starting). */
export async function fetchStageHealth(
  port: number,
  host = "127.0.0.1",
  timeoutMs = 2000,
): Promise<StageHealthReport | null> {
  try {
    const response = await fetch(`http://${host}:${port}/health`, { signal: AbortSignal.timeout(timeoutMs) });
    const body = (await response.json()) as unknown;
    return typeof body === "object" && body !== null ? (body as StageHealthReport) : null;
  } catch {
    return null;
  }
}
