import { type Currency, type EventType, eventTypes } from "./event-types.js";
import { parseEventTs } from "./timestamp.js";
import type { EcomEvent } from "./types.js";

/** USD per unit of each currency (spec: USD 1.00, EUR 1.10, GBP 1.25). */
export const fxRatesUsd: Readonly<Record<Currency, number>> = { USD: 1.0, EUR: 1.1, GBP: 1.25 };

/** kpi_minute's count column for each event type. */
export const kpiCountColumns = {
  page_view: "page_views",
  product_view: "product_views",
  add_to_cart: "add_to_carts",
  remove_from_cart: "remove_from_carts",
  checkout_started: "checkouts",
  purchase: "purchases",
  payment_failed: "payment_failures",
} as const satisfies Record<EventType, string>;
type CountColumn = (typeof kpiCountColumns)[EventType];

export interface KpiColumn {
  name: string;
  type: "timestamp" | "bigint" | "double";
  nullable: boolean;
  definition: string;
}

/** The gold kpi_minute columns, in order, with the spec's definitions. */
export const kpiMinuteColumns: readonly KpiColumn[] = [
  {
    name: "window_start",
    type: "timestamp",
    nullable: false,
    definition: "start of the UTC minute (inclusive)",
  },
  { name: "window_end", type: "timestamp", nullable: false, definition: "end of the UTC minute (exclusive)" },
  { name: "events", type: "bigint", nullable: false, definition: "count of events" },
  ...eventTypes.map(
    (t): KpiColumn => ({
      name: kpiCountColumns[t],
      type: "bigint",
      nullable: false,
      definition: `count of ${t} events`,
    }),
  ),
  {
    name: "unique_users",
    type: "bigint",
    nullable: false,
    definition: "distinct user_id (approximate within 2% allowed)",
  },
  {
    name: "unique_sessions",
    type: "bigint",
    nullable: false,
    definition: "distinct session_id (approximate within 2% allowed)",
  },
  {
    name: "revenue_usd",
    type: "double",
    nullable: false,
    definition: "sum of order_total x rate(currency) over purchases",
  },
  { name: "aov_usd", type: "double", nullable: true, definition: "revenue_usd / purchases (null when 0)" },
  {
    name: "conversion_rate",
    type: "double",
    nullable: true,
    definition: "purchases / unique_sessions (null when 0)",
  },
  {
    name: "payment_failure_rate",
    type: "double",
    nullable: true,
    definition: "payment_failures / (purchases + payment_failures) (null when 0)",
  },
];

export type KpiMinuteRow = { window_start: string; window_end: string; events: number } & Record<
  CountColumn,
  number
> & {
    unique_users: number;
    unique_sessions: number;
    revenue_usd: number;
    aov_usd: number | null;
    conversion_rate: number | null;
    payment_failure_rate: number | null;
  };

/** Relative tolerance for comparing revenue and ratios computed in different summation orders. */
export const kpiRelativeTolerance = 1e-9;

const ratio = (num: number, den: number): number | null => (den === 0 ? null : num / den);

/** The derived columns from the additive ones (shared by the TS function and documented SQL). */
export function deriveKpis(row: {
  purchases: number;
  payment_failures: number;
  unique_sessions: number;
  revenue_usd: number;
}) {
  return {
    aov_usd: ratio(row.revenue_usd, row.purchases),
    conversion_rate: ratio(row.purchases, row.unique_sessions),
    payment_failure_rate: ratio(row.payment_failures, row.purchases + row.payment_failures),
  };
}

type MinuteState = {
  counts: Record<string, number>;
  users: Set<string>;
  sessions: Set<string>;
  revenue: number;
};

/**
 * Incremental kpi_minute (exact distinct counts) over valid, deduplicated events: add events in
 * any order, read `rows()` sorted by window_start. The generator's manifest uses it.
 */
export class KpiMinuteAccumulator {
  private readonly minutes = new Map<number, MinuteState>();
  private lastMinute = Number.NaN;
  private lastState: MinuteState | undefined;

  /** Adds one event; `eventTimeMs` may be passed when already known (else event_ts is parsed). */
  add(event: EcomEvent, eventTimeMs?: number): void {
    let ms = eventTimeMs;
    if (ms === undefined) {
      const instant = parseEventTs(event.event_ts);
      if (instant === null) throw new RangeError(`event ${event.event_id} has an unparseable event_ts`);
      ms = instant.epochMs;
    }
    const minute = Math.floor(ms / 60_000) * 60_000;
    // Events mostly come minute by minute: the last minute's state saves a map lookup.
    let m = minute === this.lastMinute ? this.lastState : this.minutes.get(minute);
    if (!m) {
      m = { counts: {}, users: new Set(), sessions: new Set(), revenue: 0 };
      this.minutes.set(minute, m);
    }
    this.lastMinute = minute;
    this.lastState = m;
    const column = kpiCountColumns[event.event_type];
    m.counts[column] = (m.counts[column] ?? 0) + 1;
    m.users.add(event.user_id);
    m.sessions.add(event.session_id);
    if (event.event_type === "purchase") {
      const usd = event.order_total * fxRatesUsd[event.currency];
      if (Number.isFinite(usd)) m.revenue += usd;
    }
  }

  rows(): KpiMinuteRow[] {
    return [...this.minutes.entries()].sort((a, b) => a[0] - b[0]).map(([minute, m]) => toRow(minute, m));
  }
}

/**
 * A minute's revenue held within the finite doubles, as gold's SQL holds it: never Infinity or NaN
 * (the largest double instead; only absurd inputs get near it).
 */
export function finiteRevenue(revenue: number): number {
  if (Number.isNaN(revenue)) return Number.MAX_VALUE;
  return Math.max(-Number.MAX_VALUE, Math.min(Number.MAX_VALUE, revenue));
}

function toRow(minute: number, m: MinuteState): KpiMinuteRow {
  const revenue = finiteRevenue(m.revenue);
  const counts = Object.fromEntries(
    eventTypes.map((t) => [kpiCountColumns[t], m.counts[kpiCountColumns[t]] ?? 0]),
  ) as Record<CountColumn, number>;
  return {
    window_start: new Date(minute).toISOString(),
    window_end: new Date(minute + 60_000).toISOString(),
    events: Object.values(counts).reduce((a, b) => a + b, 0),
    ...counts,
    unique_users: m.users.size,
    unique_sessions: m.sessions.size,
    revenue_usd: revenue,
    ...deriveKpis({
      purchases: counts.purchases,
      payment_failures: counts.payment_failures,
      unique_sessions: m.sessions.size,
      revenue_usd: revenue,
    }),
  };
}

/**
 * Expected kpi_minute rows (exact distinct counts) from valid, deduplicated events, sorted by
 * window_start. Events whose event_ts does not parse are a caller error and throw.
 */
export function computeKpiMinutes(events: Iterable<EcomEvent>): KpiMinuteRow[] {
  const acc = new KpiMinuteAccumulator();
  for (const event of events) acc.add(event);
  return acc.rows();
}
