import type { StageHealthReport } from "./stage-health.js";

/** One row of serving.pipeline_stage (what /v1/pipeline reports per stage). */
export interface PipelineStageRow {
  stage: string;
  lastBatchAtMs: number | null;
  inputRowsPerSecond: number | null;
  /** Records waiting upstream of the stage. */
  lagRecords: number | null;
  /** Seconds since the newest data the stage has output. */
  freshnessSeconds: number | null;
  /** `healthy` and `detail` (an error or a note) as the API reads them, and the figures' sources. */
  details: Record<string, unknown>;
}

export interface StageFigures {
  /** Records waiting upstream, when known. */
  lagRecords: number | null;
  /** The newest data the stage has output (epoch ms), when known. */
  newestOutputMs: number | null;
  /** How the lag was measured (shown in details). */
  lagFrom?: string;
}

const parseMs = (value: unknown) => (typeof value === "string" ? Date.parse(value) : Number.NaN);
const finite = (n: number) => (Number.isFinite(n) ? n : null);

/**
 * A writer stage's row: last batch and input rate from its /health (newest batch over its queries;
 * the highest input rate, as a stage's queries read the same input), lag and freshness as measured
 * by the loader. A stage that does not answer is unhealthy, its other figures still reported.
 */
export function writerStageRow(
  stage: string,
  health: StageHealthReport | null,
  figures: StageFigures,
  nowMs: number,
): PipelineStageRow {
  const queries = health?.queries ?? [];
  const batches = queries.map((q) => parseMs(q.lastBatchAt)).filter(Number.isFinite);
  const rates = queries.map((q) => q.inputRowsPerSecond).filter((r): r is number => Number.isFinite(r));
  const errors = queries.flatMap((q) =>
    q.phase !== "running" && q.lastError?.message ? [`${q.name}: ${q.lastError.message}`] : [],
  );
  if (health?.loopError) errors.push(health.loopError);
  if (health?.spark && health.spark !== "connected") errors.push(`spark ${health.spark}`);
  const detail = health === null ? "/health does not answer" : errors.length > 0 ? errors.join("; ") : null;
  return {
    stage,
    lastBatchAtMs: batches.length > 0 ? Math.max(...batches) : null,
    inputRowsPerSecond: rates.length > 0 ? Math.max(...rates) : null,
    lagRecords: figures.lagRecords === null ? null : Math.max(0, Math.round(figures.lagRecords)),
    freshnessSeconds:
      figures.newestOutputMs === null ? null : Math.max(0, (nowMs - figures.newestOutputMs) / 1000),
    details: {
      healthy: health === null ? false : health.healthy === true,
      detail,
      queries: queries.map((q) => ({ name: q.name, phase: q.phase })),
      ...(figures.lagFrom ? { lagFrom: figures.lagFrom } : {}),
    },
  };
}

/** The Kafka end offsets of the bronze query's last batch, from its /health. */
export function bronzeEndOffsets(health: StageHealthReport | null): unknown {
  return health?.queries?.find((q) => q.name === "ecom_bronze")?.sourceEndOffsets?.[0] ?? null;
}

/** The newest silver commit (Delta log version) the gold writer's restatement has looked at, from its /health. */
export function goldSilverVersionSeen(health: StageHealthReport | null): number | null {
  const version = health?.gold?.silverVersionSeen;
  return typeof version === "number" && Number.isInteger(version) && version >= 0 ? version : null;
}
