import type { KpiBucket, KpiMinute } from "../api/types.js";
import type { Unit } from "./format.js";

type Row = KpiMinute | KpiBucket;

/** A KPI as the overview shows it: a tile (latest minute) and a chart (buckets). */
export interface KpiDef {
  id: string;
  label: string;
  unit: Unit;
  /** The alert metric names that mark this KPI's chart. */
  metrics: string[];
  /** Value of one minute or bucket. */
  value: (row: Row) => number | null;
  /** Per-minute value of an hour rollup, to compare hours. */
  perMinute: (hour: KpiBucket) => number | null;
  color: string;
}

const perMinute = (total: number, hour: KpiBucket) => (hour.minutes > 0 ? total / hour.minutes : null);

export const kpiDefs: KpiDef[] = [
  {
    id: "orders",
    label: "Orders / min",
    unit: "count",
    metrics: ["purchases", "orders"],
    value: (r) => r.purchases,
    perMinute: (h) => perMinute(h.purchases, h),
    color: "--series-1",
  },
  {
    id: "revenue",
    label: "Revenue / min",
    unit: "usd",
    metrics: ["revenue_usd", "revenue"],
    value: (r) => r.revenue_usd,
    perMinute: (h) => perMinute(h.revenue_usd, h),
    color: "--series-2",
  },
  {
    id: "aov",
    label: "Average order value",
    unit: "usd",
    metrics: ["aov_usd", "aov"],
    value: (r) => r.aov_usd,
    perMinute: (h) => h.aov_usd,
    color: "--series-3",
  },
  {
    id: "conversion",
    label: "Conversion",
    unit: "ratio",
    metrics: ["conversion_rate", "conversion"],
    value: (r) => r.conversion_rate,
    perMinute: (h) => h.conversion_rate,
    color: "--series-4",
  },
  {
    id: "payment-failures",
    label: "Payment failure rate",
    unit: "ratio",
    metrics: ["payment_failure_rate", "payment_failures"],
    value: (r) => r.payment_failure_rate,
    perMinute: (h) => h.payment_failure_rate,
    color: "--series-5",
  },
  {
    id: "sessions",
    label: "Active sessions",
    unit: "count",
    metrics: ["unique_sessions", "sessions", "events", "page_views"],
    value: (r) => r.unique_sessions,
    perMinute: (h) => perMinute(h.unique_sessions, h),
    color: "--series-6",
  },
];
