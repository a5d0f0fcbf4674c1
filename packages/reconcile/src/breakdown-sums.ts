import { breakdownAdditiveMeasures, breakdownDimensions, categoryMeasureTotals } from "@ecomstream/contracts";
import type { EcomConfig } from "@ecomstream/runtime";
import type { SparkSession } from "@ecomstream/spark-connect";
import { registerGoldTableViews } from "./gold-table-views.js";
import { rangeCondition, type TimeRange } from "./lake-counts.js";

/** The temp view of gold kpi_dim_minute the breakdown check reads. */
export const breakdownView = "ecom_rc_gold_kpi_dim_minute";

export interface BreakdownSums {
  /** kpi_minute's minutes compared. */
  minutes: number;
  /** (minute, dimension) pairs where a measure's sum over the dimension's values differs from kpi_minute's. */
  mismatches: number;
}

/** Registers gold kpi_dim_minute as `breakdownView`, pinned (see registerGoldTableViews). */
export const registerBreakdownView = (session: SparkSession, config: EcomConfig) =>
  registerGoldTableViews(session, config, { kpi_dim_minute: breakdownView });

const sameNumber = (a: string, b: string) =>
  `(abs(CAST(${a} AS DOUBLE) - CAST(${b} AS DOUBLE)) <= 1e-9 * greatest(abs(CAST(${b} AS DOUBLE)), 1D))`;

/**
 * Sums of kpi_dim_minute's additive measures over each dimension's values against kpi_minute
 * (`gold`, a view), minute by minute: country and device cover every event, so every measure;
 * category only the measures the contract gives it (`categoryMeasureTotals`). A dimension with no
 * row in a minute sums to 0. Gold's tables are separate Delta commits: rows of two restatements
 * (gold-writer's and a replay's, from the same silver) are compared whatever their updated_at, so
 * the check tells a real difference; while silver changes under a restatement the tables can differ
 * for a moment, as kpi_minute differs from silver (reconcile --wait waits for both).
 */
export async function breakdownSums(
  session: SparkSession,
  gold: string,
  range: TimeRange,
): Promise<BreakdownSums> {
  const inRange = rangeCondition("window_start", range);
  const sum = (m: string) => `sum(${m}) AS ${m}`;
  const same = (dimension: string) => {
    const totals =
      dimension === "category"
        ? categoryMeasureTotals
        : Object.fromEntries(breakdownAdditiveMeasures.map((m) => [m, m]));
    return Object.entries(totals)
      .map(([m, kpi]) => sameNumber(`coalesce(d.${m}, 0)`, kpiOf(kpi ?? m)))
      .join(" AND ");
  };
  const dimensions = breakdownDimensions.map((d) => `('${d}')`).join(", ");
  const sameByDimension = `CASE ${breakdownDimensions.map((d) => `WHEN x.dimension = '${d}' THEN ${same(d)}`).join(" ")} END`;
  const [row] = await (
    await session.sql(
      "SELECT count(DISTINCT window_start) AS minutes, count_if(NOT same) AS mismatches FROM (" +
        `SELECT k.window_start, ${sameByDimension} AS same ` +
        `FROM (SELECT * FROM ${gold} WHERE ${inRange}) k CROSS JOIN (VALUES ${dimensions}) AS x(dimension) ` +
        `LEFT JOIN (SELECT window_start, dimension, ` +
        `${breakdownAdditiveMeasures.map(sum).join(", ")} FROM ${breakdownView} WHERE ${inRange} GROUP BY 1, 2) d ` +
        "ON d.window_start = k.window_start AND d.dimension = x.dimension)",
    )
  ).collect();
  return { minutes: Number(row?.minutes ?? 0), mismatches: Number(row?.mismatches ?? 0) };
}

/** A kpi_minute expression over its columns (`a + b`) with each column read from `k`. */
const kpiOf = (expr: string) => expr.replace(/\b([a-z_]+)\b/g, "k.$1");
