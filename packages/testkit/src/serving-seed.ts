import { deriveKpis } from "@ecomstream/contracts";
import type pg from "pg";

/** Serving rows as the loader and the detector write them, for tests that read serving. */

/** A kpi_minute row: counts given, the derived columns computed as gold computes them. */
export interface KpiMinuteSeed {
  at: Date;
  purchases: number;
  failures: number;
  sessions: number;
  revenue: number;
  /** Gold's final row (the default) or the provisional stream's. */
  final?: boolean;
  /** The newest event time the minute counts (the provisional stream's max_event_ts). */
  maxEventTs?: Date;
  /** Defaults to 3 page views a session plus purchases, checkouts and failures. */
  events?: number;
  productViews?: number;
  addToCarts?: number;
}

/** Inserts kpi_minute rows; a minute already there is replaced. */
export async function seedKpis(admin: pg.Pool, rows: readonly KpiMinuteSeed[]): Promise<void> {
  for (const r of rows) {
    const derived = deriveKpis({
      purchases: r.purchases,
      payment_failures: r.failures,
      unique_sessions: r.sessions,
      revenue_usd: r.revenue,
    });
    const final = r.final ?? true;
    await admin.query(
      `insert into serving.kpi_minute (window_start, window_end, events, page_views, product_views, add_to_carts,
         remove_from_carts, checkouts, purchases, payment_failures, unique_users, unique_sessions, revenue_usd,
         aov_usd, conversion_rate, payment_failure_rate, is_final, source, max_event_ts)
       values ($1, $2, $3, $4, $5, $6, 0, $7, $7, $8, $9, $9, $10, $11, $12, $13, $14, $15, $16)
       on conflict (window_start) do update set window_end = excluded.window_end, events = excluded.events,
         page_views = excluded.page_views, product_views = excluded.product_views,
         add_to_carts = excluded.add_to_carts, checkouts = excluded.checkouts, purchases = excluded.purchases,
         payment_failures = excluded.payment_failures, unique_users = excluded.unique_users,
         unique_sessions = excluded.unique_sessions, revenue_usd = excluded.revenue_usd,
         aov_usd = excluded.aov_usd, conversion_rate = excluded.conversion_rate,
         payment_failure_rate = excluded.payment_failure_rate, is_final = excluded.is_final,
         source = excluded.source, max_event_ts = excluded.max_event_ts, updated_at = now()`,
      [
        r.at,
        new Date(r.at.getTime() + 60_000),
        r.events ?? r.sessions * 3 + 2 * r.purchases + r.failures,
        r.sessions * 3,
        r.productViews ?? 0,
        r.addToCarts ?? 0,
        r.purchases,
        r.failures,
        r.sessions,
        r.revenue,
        derived.aov_usd,
        derived.conversion_rate,
        derived.payment_failure_rate,
        final,
        final ? "gold" : "provisional",
        r.maxEventTs ?? null,
      ],
    );
  }
}

/** An alert as the detector raises it; returns its id. */
export interface AlertSeed {
  metric: string;
  at: Date;
  severity?: string;
  status?: string;
  kind?: string;
  method?: string;
  message?: string;
  observed?: number;
  expected?: number;
  score?: number;
}

export async function seedAlert(admin: pg.Pool, a: AlertSeed): Promise<number> {
  const { rows } = await admin.query<{ id: string }>(
    `insert into serving.alerts (metric, window_start, observed, expected, score, severity, status, method, kind, message)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) returning id`,
    [
      a.metric,
      a.at,
      a.observed ?? 10,
      a.expected ?? 5,
      a.score ?? 3.2,
      a.severity ?? "warning",
      a.status ?? "open",
      a.method ?? "zscore",
      a.kind ?? "business",
      a.message ?? "test alert",
    ],
  );
  return Number(rows[0]?.id);
}

/** A quality minute: its records, the quarantined ones by reason, duplicates and late records. */
export interface QualitySeed {
  at: Date;
  records: number;
  byReason: Record<string, number>;
  duplicates?: number;
  late?: number;
}

/** Inserts quality_minute rows as the loader writes them (valid = records - quarantined). */
export async function seedQuality(admin: pg.Pool, rows: readonly QualitySeed[]): Promise<void> {
  for (const r of rows) {
    const quarantined = Object.values(r.byReason).reduce((a, b) => a + b, 0);
    await admin.query(
      `insert into serving.quality_minute (minute, records, valid, quarantined, quarantined_by_reason, duplicates, late)
       values ($1, $2, $3, $4, $5, $6, $7)`,
      [
        r.at,
        r.records,
        r.records - quarantined,
        quarantined,
        JSON.stringify(r.byReason),
        r.duplicates ?? 0,
        r.late ?? 0,
      ],
    );
  }
}
