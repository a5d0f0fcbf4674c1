import type { PoolClient } from "pg";
import { type KpiRow, newestPerWindow } from "./kpi-row.js";
import { type KpiSource, kpiUpsertParams, kpiUpsertSql } from "./kpi-sql.js";

/** Rows per statement: bounds the parameter arrays of a large first load. */
const chunkRows = 5000;

/**
 * Upserts rows into serving.kpi_minute in the caller's transaction (one per window_start, the
 * newest); returns the window_starts (epoch ms) actually written, rows the rules skipped excluded.
 */
export async function upsertKpiRows(
  client: PoolClient,
  rows: readonly KpiRow[],
  source: KpiSource,
): Promise<number[]> {
  const unique = newestPerWindow(rows);
  const written: number[] = [];
  const sql = kpiUpsertSql(source);
  for (let i = 0; i < unique.length; i += chunkRows) {
    const chunk = unique.slice(i, i + chunkRows);
    const result = await client.query<{ window_start: Date }>(sql, kpiUpsertParams(chunk, source));
    for (const row of result.rows) written.push(row.window_start.getTime());
  }
  return written;
}
