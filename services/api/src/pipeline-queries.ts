import type { EcomConfig } from "@ecomstream/runtime";
import type { Static } from "@sinclair/typebox";
import type { Pool } from "./db.js";
import type { StageProbe } from "./pipeline-probe.js";
import type { PipelineSchema, PipelineStageSchema } from "./schemas/pipeline.js";

export type PipelineStage = Static<typeof PipelineStageSchema>;
export type Pipeline = Static<typeof PipelineSchema>;

/** The stages /v1/pipeline reports, in data-flow order, with the port of their /health. */
export function knownStages(config: EcomConfig): Array<{ stage: string; port: number }> {
  const { ports } = config.pipeline;
  return [
    { stage: "bronze-writer", port: ports.bronze },
    { stage: "silver-writer", port: ports.silver },
    { stage: "gold-writer", port: ports.gold },
    { stage: "loader", port: ports.loader },
  ];
}

interface StageRow {
  stage: string;
  last_batch_at: Date | null;
  input_rows_per_second: number | null;
  lag_records: number | null;
  freshness_seconds: number | null;
  details: Record<string, unknown> | null;
  updated_at: Date;
}

const finiteOrNull = (value: unknown, min = 0): number | null =>
  typeof value === "number" && Number.isFinite(value) && value >= min ? value : null;
const iso = (value: Date | null) => (value ? value.toISOString() : null);

/** A stored row; its freshness has aged by the time since it was written. */
function fromRow(row: StageRow, now: Date): PipelineStage {
  const stored = finiteOrNull(row.freshness_seconds);
  const age = Math.max(0, (now.getTime() - row.updated_at.getTime()) / 1000);
  const healthy = row.details?.healthy;
  const detail = row.details?.detail;
  return {
    stage: row.stage,
    source: "table",
    healthy: typeof healthy === "boolean" ? healthy : null,
    last_batch_at: iso(row.last_batch_at),
    input_rows_per_second: finiteOrNull(row.input_rows_per_second),
    lag_records: finiteOrNull(row.lag_records) === null ? null : Math.round(row.lag_records as number),
    freshness_seconds: stored === null ? null : stored + age,
    updated_at: iso(row.updated_at),
    detail: typeof detail === "string" ? detail : null,
  };
}

interface ProbedQuery {
  lastBatchAt?: unknown;
  inputRowsPerSecond?: unknown;
  phase?: unknown;
  lastError?: { message?: unknown };
}

/** A stage's figures from its /health answer: newest batch over its queries, summed input rate. */
export function fromHealth(stage: string, health: Record<string, unknown> | null, now: Date): PipelineStage {
  const none: PipelineStage = {
    stage,
    source: "none",
    healthy: null,
    last_batch_at: null,
    input_rows_per_second: null,
    lag_records: null,
    freshness_seconds: null,
    updated_at: null,
    detail: "no figures in serving.pipeline_stage and /health does not answer",
  };
  if (!health) return none;
  const queries = (Array.isArray(health.queries) ? health.queries : []) as ProbedQuery[];
  const times = queries.map((q) => q.lastBatchAt);
  const loader = health.loader as { lastRunAt?: unknown } | undefined;
  if (loader && typeof loader === "object") times.push(loader.lastRunAt);
  const newest = times
    .map((t) => (typeof t === "string" ? Date.parse(t) : Number.NaN))
    .filter((t) => Number.isFinite(t))
    .reduce<number | null>((max, t) => (max === null || t > max ? t : max), null);
  const rates = queries.map((q) => finiteOrNull(q.inputRowsPerSecond)).filter((r) => r !== null);
  const errors = queries.flatMap((q) =>
    q.phase !== "running" && typeof q.lastError?.message === "string" ? [q.lastError.message] : [],
  );
  if (typeof health.loopError === "string") errors.push(health.loopError);
  return {
    stage,
    source: "health",
    healthy: typeof health.healthy === "boolean" ? health.healthy : null,
    last_batch_at: newest === null ? null : new Date(newest).toISOString(),
    input_rows_per_second: rates.length > 0 ? rates.reduce((a, b) => a + b, 0) : null,
    lag_records: null,
    freshness_seconds: newest === null ? null : Math.max(0, (now.getTime() - newest) / 1000),
    updated_at: now.toISOString(),
    detail: errors.length > 0 ? errors.join("; ") : null,
  };
}

/**
 * Per stage: the row the loader keeps in serving.pipeline_stage, else the stage's /health (probed
 * side by side), else "none"; plus how fresh serving.kpi_minute is.
 */
export async function pipelineStatus(
  pool: Pool,
  config: EcomConfig,
  probe: StageProbe,
  now: Date,
): Promise<Pipeline> {
  const [stageRows, serving] = await Promise.all([
    pool.query<StageRow>(
      "select stage, last_batch_at, input_rows_per_second, lag_records, freshness_seconds, details, updated_at from serving.pipeline_stage",
    ),
    pool.query<{ newest: Date | null; updated: Date | null }>(
      "select max(window_end) as newest, max(updated_at) as updated from serving.kpi_minute",
    ),
  ]);
  const rows = new Map(stageRows.rows.map((row) => [row.stage, row]));
  const known = knownStages(config);
  const stages = await Promise.all(
    known.map(async ({ stage, port }) => {
      const row = rows.get(stage);
      return row ? fromRow(row, now) : fromHealth(stage, await probe(port), now);
    }),
  );
  const others = stageRows.rows
    .filter((row) => !known.some((k) => k.stage === row.stage))
    .sort((a, b) => a.stage.localeCompare(b.stage))
    .map((row) => fromRow(row, now));
  const updated = serving.rows[0]?.updated ?? null;
  return {
    checked_at: now.toISOString(),
    stages: [...stages, ...others],
    serving: {
      newest_window_end: iso(serving.rows[0]?.newest ?? null),
      last_update_at: iso(updated),
      freshness_seconds: updated ? Math.max(0, (now.getTime() - updated.getTime()) / 1000) : null,
    },
  };
}
