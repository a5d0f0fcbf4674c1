import type { BreakdownBucket, BreakdownDimension, BreakdownSeries } from "../api/types.js";
import type { Unit } from "./format.js";

export type BreakdownMeasure = Exclude<
  keyof BreakdownBucket,
  "window_start" | "window_end" | "is_final" | "minutes"
>;

export interface MeasureDef {
  id: BreakdownMeasure;
  label: string;
  unit: Unit;
}

export const breakdownDimensions: Array<{ id: BreakdownDimension; label: string }> = [
  { id: "country", label: "Country" },
  { id: "device", label: "Device" },
  { id: "category", label: "Category" },
];

export const breakdownMeasures: MeasureDef[] = [
  { id: "events", label: "Events", unit: "count" },
  { id: "product_views", label: "Product views", unit: "count" },
  { id: "add_to_carts", label: "Add to carts", unit: "count" },
  { id: "checkouts", label: "Checkouts", unit: "count" },
  { id: "purchases", label: "Purchases", unit: "count" },
  { id: "payment_failures", label: "Payment failures", unit: "count" },
  { id: "revenue_usd", label: "Revenue", unit: "usd" },
  { id: "unique_sessions", label: "Sessions (sum per minute)", unit: "count" },
];

/** Category exists only on product_view, add_to_cart and remove_from_cart events: the measures they carry. */
const categoryMeasures: ReadonlySet<BreakdownMeasure> = new Set([
  "events",
  "product_views",
  "add_to_carts",
  "unique_sessions",
]);

export function measuresOf(dimension: BreakdownDimension): MeasureDef[] {
  return dimension === "category"
    ? breakdownMeasures.filter((m) => categoryMeasures.has(m.id))
    : breakdownMeasures;
}

/** A value's measure summed over its buckets; null when every bucket has none (category rows). */
export function totalOf(series: BreakdownSeries, measure: BreakdownMeasure): number | null {
  let total: number | null = null;
  for (const bucket of series.buckets) {
    const value = bucket[measure];
    if (value !== null) total = (total ?? 0) + value;
  }
  return total === null ? null : Math.round(total * 100) / 100;
}

/** A value's measure aligned to `times` (unix seconds); buckets without the value stay null. */
export function valuesAt(
  times: number[],
  series: BreakdownSeries,
  measure: BreakdownMeasure,
): Array<number | null> {
  const byTime = new Map(series.buckets.map((b) => [Date.parse(b.window_start) / 1000, b[measure]]));
  return times.map((t) => byTime.get(t) ?? null);
}
