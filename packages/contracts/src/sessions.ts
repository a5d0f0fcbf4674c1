import type { GoldColumn } from "./breakdowns.js";
import { sparkKpiAggregations } from "./spark-kpis.js";

/**
 * Gold's `sessions/v1` (issue 20): one row per session, from Spark's session windows over silver
 * per `session_id` with the gap `ECOM_SESSION_GAP` (30 minutes by default). A session_id whose
 * events lie further apart than the gap makes two sessions, so a row's key is
 * (session_id, session_start). Partitioned by the UTC date and hour of `session_start`
 * (`event_date`, `hour`, as the other gold tables). As every gold table beside kpi_minute, the stored
 * table adds `is_final` (here: the gap has passed since session_end as of the restatement, so no
 * later event can extend the session; false = provisional, it may still grow), `updated_at`,
 * `event_date`, `hour`.
 */

/** Funnel steps, in order: each a boolean column of sessions/v1. */
export const funnelSteps = ["viewed_product", "added_to_cart", "started_checkout", "purchased"] as const;
export type FunnelStep = (typeof funnelSteps)[number];

/** The gold sessions columns, in order (partition columns event_date, hour follow in the table). */
export const sessionColumns: readonly GoldColumn[] = [
  { name: "session_id", type: "string", nullable: false, definition: "the events' session_id" },
  {
    name: "session_start",
    type: "timestamp",
    nullable: false,
    definition: "event_ts of the session's first event",
  },
  {
    name: "session_end",
    type: "timestamp",
    nullable: false,
    definition: "event_ts of the session's last event",
  },
  {
    name: "duration_seconds",
    type: "double",
    nullable: false,
    definition: "session_end - session_start in seconds (0 for a one-event session)",
  },
  { name: "events", type: "bigint", nullable: false, definition: "count of the session's events" },
  { name: "device", type: "string", nullable: false, definition: "device of the session's first event" },
  { name: "country", type: "string", nullable: false, definition: "country of the session's first event" },
  {
    name: "viewed_product",
    type: "boolean",
    nullable: false,
    definition: "the session has a product_view event",
  },
  {
    name: "added_to_cart",
    type: "boolean",
    nullable: false,
    definition: "the session has an add_to_cart event",
  },
  {
    name: "started_checkout",
    type: "boolean",
    nullable: false,
    definition: "the session has a checkout_started event",
  },
  { name: "purchased", type: "boolean", nullable: false, definition: "the session has a purchase event" },
  {
    name: "revenue_usd",
    type: "double",
    nullable: false,
    definition: "sum of order_total x rate(currency) over the session's purchases (0 without one)",
  },
];

/** The event type that marks each funnel step. */
export const funnelStepEvents: Record<FunnelStep, string> = {
  viewed_product: "product_view",
  added_to_cart: "add_to_cart",
  started_checkout: "checkout_started",
  purchased: "purchase",
};

/** kpi_minute's revenue aggregate (batch): one definition of revenue for every gold table. */
function revenueAggregate(): string {
  const item = sparkKpiAggregations({ exactDistinct: true }).find((a) => a.endsWith(" AS revenue_usd"));
  if (!item) throw new Error("kpi_minute has no aggregate revenue_usd");
  return item.slice(0, -" AS revenue_usd".length);
}

export interface SparkSessionsOptions {
  /** The session gap as a Spark interval (`ECOM_SESSION_GAP`, e.g. `30 minutes`). */
  gap: string;
  /** The restatement's clock (epoch ms): a session is final once `gap` has passed since session_end. */
  nowMs: number;
}

/**
 * Batch sessions/v1 over `source` (silver rows: a view or parenthesised query): Spark's
 * `session_window` per session_id with the gap. Device and country are those of the first event
 * (ties on event_ts broken by event_id, so the row is deterministic). The columns of
 * `sessionColumns` in order, then is_final, event_date and hour (session_start's UTC date and hour).
 */
export function sparkSessionsSql(source: string, options: SparkSessionsOptions): string {
  if (!/^\d+ (millisecond|second|minute|hour|day)s?$/.test(options.gap))
    throw new RangeError(`not a Spark interval: ${options.gap}`);
  if (!Number.isSafeInteger(options.nowMs)) throw new RangeError(`not an epoch ms: ${options.nowMs}`);
  const first = (column: string) => `min_by(${column}, struct(event_ts, event_id)) AS ${column}`;
  const flags = funnelSteps.map((step) => `bool_or(event_type = '${funnelStepEvents[step]}') AS ${step}`);
  const columns = sessionColumns.map((c) => c.name).join(", ");
  const u = "unix_micros(session_start)";
  return (
    `SELECT ${columns}, ` +
    `session_end + INTERVAL '${options.gap}' <= timestamp_millis(${options.nowMs}) AS is_final, ` +
    `date_from_unix_date(CAST((${u} - pmod(${u}, 86400000000)) div 86400000000 AS INT)) AS event_date, ` +
    `CAST(pmod(${u}, 86400000000) div 3600000000 AS INT) AS hour FROM (` +
    "SELECT session_id, min(event_ts) AS session_start, max(event_ts) AS session_end, " +
    "(unix_micros(max(event_ts)) - unix_micros(min(event_ts))) / 1000000D AS duration_seconds, " +
    `count(*) AS events, ${first("device")}, ${first("country")}, ${flags.join(", ")}, ` +
    `${revenueAggregate()} AS revenue_usd ` +
    `FROM ${source} GROUP BY session_id, session_window(event_ts, '${options.gap}'))`
  );
}
