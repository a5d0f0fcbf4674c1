import type { BreakdownDimension } from "@ecomstream/contracts";
import { judgeMinute } from "./judge.js";
import type { MetricSpec } from "./metric-spec.js";
import { MinuteSeries } from "./series.js";
import type { KpiPoint, KpiValues, MetricVerdict } from "./types.js";

/**
 * A breakdown rule: a metric judged per value of a serving.kpi_dim_minute dimension, each value
 * its own series with the metric's guards (minimum volume, baseline length) and methods.
 */
export interface BreakdownRule {
  dimension: BreakdownDimension;
  /** The metric as for kpi_minute; its value and volume read the dimension value's row. */
  spec: MetricSpec;
}

/** One row of serving.kpi_dim_minute as the detector sees it: the values of kpi_minute it carries. */
export interface BreakdownPoint extends KpiPoint {
  dimension: string;
  dimensionValue: string;
}

/** The measures a kpi_dim_minute row holds (NULL on category rows for the purchase measures). */
export interface DimMeasures {
  events: number;
  product_views: number;
  add_to_carts: number;
  checkouts: number | null;
  purchases: number | null;
  payment_failures: number | null;
  revenue_usd: number | null;
  unique_sessions: number;
}

const ratio = (num: number | null, den: number | null): number | null =>
  num === null || den === null || den === 0 ? null : num / den;

/**
 * A dimension value's row as kpi_minute values: its measures, the ratios derived as kpi_minute
 * derives them, and NaN for what a breakdown does not hold (page_views, remove_from_carts,
 * unique_users; the purchase measures of a category), so a rule reading those is never judged.
 */
export function dimValues(m: DimMeasures): KpiValues {
  const attempts =
    m.purchases === null || m.payment_failures === null ? null : m.purchases + m.payment_failures;
  const orNaN = (v: number | null) => v ?? Number.NaN;
  return {
    events: m.events,
    page_views: Number.NaN,
    product_views: m.product_views,
    add_to_carts: m.add_to_carts,
    remove_from_carts: Number.NaN,
    checkouts: orNaN(m.checkouts),
    purchases: orNaN(m.purchases),
    payment_failures: orNaN(m.payment_failures),
    unique_users: Number.NaN,
    unique_sessions: m.unique_sessions,
    revenue_usd: orNaN(m.revenue_usd),
    aov_usd: ratio(m.revenue_usd, m.purchases),
    conversion_rate: ratio(m.purchases, m.unique_sessions),
    payment_failure_rate: ratio(m.payment_failures, attempts),
  };
}

/** The alert key of a metric on one dimension value: `payment_failure_rate{country=DE}`. */
export const breakdownKey = (metric: string, dimension: string, value: string): string =>
  `${metric}{${dimension}=${value}}`;

/** The metric an alert key names, without its dimension value (low-cardinality metric labels). */
export const baseMetric = (key: string): string => {
  const brace = key.indexOf("{");
  return brace < 0 ? key : key.slice(0, brace);
};

/** Minute-keyed series per dimension value; missing minutes are gaps, as for kpi_minute. */
export class BreakdownSeries {
  private readonly series = new Map<string, MinuteSeries<BreakdownPoint>>();
  private readonly byMinute = new Map<number, BreakdownPoint[]>();
  private sortedMinutes: number[] | undefined;

  constructor(points: Iterable<BreakdownPoint> = []) {
    for (const p of points) this.add(p);
  }

  add(point: BreakdownPoint): void {
    const key = `${point.dimension}=${point.dimensionValue}`;
    const s = this.series.get(key) ?? new MinuteSeries<BreakdownPoint>();
    this.series.set(key, s);
    s.set(point);
    const at = this.byMinute.get(point.minuteMs) ?? [];
    if (at.length === 0) {
      this.byMinute.set(point.minuteMs, at);
      this.sortedMinutes = undefined;
    }
    at.push(point);
  }

  of(dimension: string, value: string): MinuteSeries<BreakdownPoint> {
    return this.series.get(`${dimension}=${value}`) ?? new MinuteSeries();
  }

  /** Minutes holding at least one row, ascending. */
  minutes(): readonly number[] {
    this.sortedMinutes ??= [...this.byMinute.keys()].sort((a, b) => a - b);
    return this.sortedMinutes;
  }

  /** The rows of one minute (every dimension and value). */
  at(minute: number): readonly BreakdownPoint[] {
    return this.byMinute.get(minute) ?? [];
  }
}

/**
 * The verdicts of every rule on every dimension value present in `minute`, each named by its
 * breakdown key, with the label an alert on it carries ("payment failure rate (country=DE)").
 */
export function judgeBreakdownMinute(
  rules: readonly BreakdownRule[],
  series: BreakdownSeries,
  minute: number,
): Array<{ verdict: MetricVerdict; label: string; unit: MetricSpec["unit"] }> {
  const out: Array<{ verdict: MetricVerdict; label: string; unit: MetricSpec["unit"] }> = [];
  for (const rule of rules)
    for (const point of series.at(minute)) {
      if (point.dimension !== rule.dimension) continue;
      const own = series.of(point.dimension, point.dimensionValue);
      for (const v of judgeMinute([rule.spec], own, point)) {
        const key = breakdownKey(v.metric, point.dimension, point.dimensionValue);
        const label = `${rule.spec.label} (${point.dimension}=${point.dimensionValue})`;
        out.push({ verdict: { ...v, metric: key }, label, unit: rule.spec.unit });
      }
    }
  return out;
}
