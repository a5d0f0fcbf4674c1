import type pg from "pg";
import { type BreakdownPoint, dimValues } from "./breakdown.js";
import { type MinuteShape, minute, normalShape, series } from "./kpi-series.fixture.js";

/** Minutes [from, to) of one country's kpi_dim_minute rows, Poisson noise around `shapeAt(i)`. */
export function countrySeries(
  country: string,
  from: number,
  to: number,
  shapeAt: (i: number) => MinuteShape = () => normalShape,
  seed = 1,
): BreakdownPoint[] {
  return series(from, to, shapeAt, seed).map((p) => ({
    minuteMs: p.minuteMs,
    isFinal: p.isFinal,
    dimension: "country",
    dimensionValue: country,
    values: dimValues(p.values),
  }));
}

/** Upserts rows into serving.kpi_dim_minute as the loader would. */
export async function insertBreakdowns(pool: pg.Pool, points: readonly BreakdownPoint[]): Promise<void> {
  for (const p of points) {
    const v = p.values;
    await pool.query(
      `INSERT INTO serving.kpi_dim_minute (window_start, window_end, dimension, dimension_value, events, product_views,
         add_to_carts, checkouts, purchases, payment_failures, revenue_usd, unique_sessions, is_final, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, now())
       ON CONFLICT (dimension, window_start, dimension_value) DO UPDATE SET purchases = EXCLUDED.purchases,
         payment_failures = EXCLUDED.payment_failures, is_final = EXCLUDED.is_final, updated_at = now()`,
      [
        new Date(p.minuteMs),
        new Date(p.minuteMs + 60_000),
        p.dimension,
        p.dimensionValue,
        v.events,
        v.product_views,
        v.add_to_carts,
        v.checkouts,
        v.purchases,
        v.payment_failures,
        v.revenue_usd,
        v.unique_sessions,
        p.isFinal,
      ],
    );
  }
}

export { minute };
