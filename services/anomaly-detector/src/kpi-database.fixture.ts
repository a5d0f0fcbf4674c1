import { tempDatabase as runtimeTempDatabase, type TempDatabase } from "@ecomstream/testkit";
import type pg from "pg";
import type { KpiPoint } from "./types.js";

export type { TempDatabase };

/** A fresh database `ecom_detector_test_<random>` with the serving migrations applied. */
export const tempDatabase = (): Promise<TempDatabase> => runtimeTempDatabase("ecom_detector_test");

/** Upserts points into serving.kpi_minute as the loader would. */
export async function insertKpis(pool: pg.Pool, points: readonly KpiPoint[]): Promise<void> {
  for (const p of points) {
    const v = p.values;
    await pool.query(
      `INSERT INTO serving.kpi_minute (window_start, window_end, events, page_views, product_views, add_to_carts,
         remove_from_carts, checkouts, purchases, payment_failures, unique_users, unique_sessions, revenue_usd,
         aov_usd, conversion_rate, payment_failure_rate, is_final, source)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)
       ON CONFLICT (window_start) DO UPDATE SET events = EXCLUDED.events, purchases = EXCLUDED.purchases,
         is_final = EXCLUDED.is_final, source = EXCLUDED.source, updated_at = now()`,
      [
        new Date(p.minuteMs),
        new Date(p.minuteMs + 60_000),
        v.events,
        v.page_views,
        v.product_views,
        v.add_to_carts,
        v.remove_from_carts,
        v.checkouts,
        v.purchases,
        v.payment_failures,
        v.unique_users,
        v.unique_sessions,
        v.revenue_usd,
        v.aov_usd,
        v.conversion_rate,
        v.payment_failure_rate,
        p.isFinal,
        p.isFinal ? "gold" : "provisional",
      ],
    );
  }
}
