import type { GoldColumn } from "./breakdowns.js";

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
