import type pg from "pg";

/** Test helpers: serving.kpi_dim_minute and serving.product_hour rows, as the loader writes them. */

export interface DimMinuteSeed {
  at: Date;
  dimension: "country" | "device" | "category";
  value: string;
  events: number;
  purchases?: number;
  revenue?: number;
  sessions?: number;
  final?: boolean;
}

/** Inserts kpi_dim_minute rows; category rows get NULL checkouts, purchases, failures and revenue, as gold writes them. */
export async function seedDimMinutes(admin: pg.Pool, seeds: readonly DimMinuteSeed[]): Promise<void> {
  for (const s of seeds) {
    const onCategory = s.dimension === "category";
    await admin.query(
      `insert into serving.kpi_dim_minute (window_start, window_end, dimension, dimension_value, events,
         product_views, add_to_carts, checkouts, purchases, payment_failures, revenue_usd, unique_sessions,
         is_final, updated_at)
       values ($1, $1::timestamptz + interval '1 minute', $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, now())`,
      [
        s.at,
        s.dimension,
        s.value,
        s.events,
        Math.floor(s.events / 2),
        Math.floor(s.events / 4),
        onCategory ? null : 1,
        onCategory ? null : (s.purchases ?? 0),
        onCategory ? null : 0,
        onCategory ? null : (s.revenue ?? 0),
        s.sessions ?? Math.max(1, Math.floor(s.events / 3)),
        s.final ?? true,
      ],
    );
  }
}

export interface ProductHourSeed {
  at: Date;
  product: string;
  views: number;
  addToCarts?: number;
  removes?: number;
  sessions?: number;
}

/** Inserts product_hour rows (the hour starting at `at`). */
export async function seedProductHours(admin: pg.Pool, seeds: readonly ProductHourSeed[]): Promise<void> {
  for (const s of seeds) {
    await admin.query(
      `insert into serving.product_hour (window_start, window_end, product_id, views, add_to_carts,
         remove_from_carts, unique_sessions, is_final, updated_at)
       values ($1, $1::timestamptz + interval '1 hour', $2, $3, $4, $5, $6, true, now())`,
      [s.at, s.product, s.views, s.addToCarts ?? 0, s.removes ?? 0, s.sessions ?? Math.max(1, s.views)],
    );
  }
}
