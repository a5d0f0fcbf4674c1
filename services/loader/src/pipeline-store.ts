import type { PoolClient } from "pg";
import type { PipelineStageRow } from "./pipeline-status.js";

type Queryable = Pick<PoolClient, "query">;

/** Upserts the stages' rows of serving.pipeline_stage in one statement. */
export async function upsertPipelineStages(db: Queryable, rows: readonly PipelineStageRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db.query(
    "INSERT INTO serving.pipeline_stage AS p " +
      "(stage, last_batch_at, input_rows_per_second, lag_records, freshness_seconds, details, updated_at) " +
      "SELECT s, b, r, l, f, d, now() FROM unnest($1::text[], $2::timestamptz[], $3::float8[], $4::int8[], " +
      "$5::float8[], $6::jsonb[]) AS t(s, b, r, l, f, d) " +
      "ON CONFLICT (stage) DO UPDATE SET last_batch_at = EXCLUDED.last_batch_at, " +
      "input_rows_per_second = EXCLUDED.input_rows_per_second, lag_records = EXCLUDED.lag_records, " +
      "freshness_seconds = EXCLUDED.freshness_seconds, details = EXCLUDED.details, updated_at = now()",
    [
      rows.map((r) => r.stage),
      rows.map((r) => (r.lastBatchAtMs === null ? null : new Date(r.lastBatchAtMs).toISOString())),
      rows.map((r) => r.inputRowsPerSecond),
      rows.map((r) => r.lagRecords),
      rows.map((r) => r.freshnessSeconds),
      rows.map((r) => JSON.stringify(r.details)),
    ],
  );
}
