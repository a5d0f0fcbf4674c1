import type { BreakdownRule } from "./breakdown.js";
import type { MetricSpec } from "./metric-spec.js";
import type { KpiValues } from "./types.js";

/**
 * THE detector configuration: which metrics are watched, by which methods, with which thresholds.
 * Thresholds are set for <= 1 false alert per day over all metrics at a few events/s (see
 * `./ecom eval detector`); severities from each method's score.
 */
const z = (direction: "up" | "down" | "both", threshold: number, perVolume = false) =>
  ({
    method: "robust_z",
    direction,
    perVolume,
    threshold,
    severity: { warning: threshold * 1.5, critical: threshold * 2.5 },
    windowMinutes: 60,
    minPoints: 20,
  }) as const;

const ewma = (direction: "up" | "down" | "both", threshold: number) =>
  ({
    method: "ewma",
    direction,
    threshold,
    alpha: 0.1,
    severity: { warning: threshold * 1.5, critical: threshold * 2.5 },
    windowMinutes: 90,
    minPoints: 20,
  }) as const;

/** Failed payment attempts per attempt (purchases + payment_failures); a rate above 20 % that the baseline makes improbable. */
const paymentFailureRate: MetricSpec = {
  metric: "payment_failure_rate",
  label: "payment failure rate",
  unit: "ratio",
  value: (v) => v.payment_failure_rate,
  volume: (v: KpiValues) => v.purchases + v.payment_failures,
  minVolume: 8,
  transform: "none",
  methods: [
    {
      method: "rate_above",
      limit: 0.2,
      numerator: (v) => v.payment_failures,
      baselineFloor: 0.03,
      threshold: 4.5,
      severity: { warning: 7, critical: 10 },
      windowMinutes: 60,
      minPoints: 20,
    },
  ],
};

export const metricSpecs: readonly MetricSpec[] = [
  {
    metric: "events",
    label: "events/min",
    unit: "count",
    value: (v) => v.events,
    minVolume: 0,
    transform: "log1p",
    methods: [
      z("both", 7),
      {
        method: "surge",
        threshold: 2.5,
        minBaseline: 50,
        severity: { warning: 3, critical: 5 },
        windowMinutes: 60,
        minPoints: 20,
      },
    ],
  },
  {
    metric: "unique_sessions",
    label: "sessions/min",
    unit: "count",
    value: (v) => v.unique_sessions,
    transform: "log1p",
    methods: [ewma("both", 7)],
  },
  {
    metric: "purchases",
    label: "purchases/min",
    unit: "count",
    value: (v) => v.purchases,
    transform: "log1p",
    methods: [
      z("down", 6),
      {
        method: "zero_while_busy",
        threshold: 5,
        minSessions: 30,
        minExpected: 8,
        severity: { warning: 5, critical: 5 },
        windowMinutes: 30,
        minPoints: 15,
      },
    ],
  },
  {
    metric: "conversion_rate",
    label: "conversion rate",
    unit: "ratio",
    value: (v) => v.conversion_rate,
    volume: (v) => v.unique_sessions,
    minVolume: 30,
    transform: "none",
    methods: [z("down", 5)],
  },
  paymentFailureRate,
  {
    metric: "aov_usd",
    label: "average order value (USD)",
    unit: "usd",
    value: (v) => v.aov_usd,
    volume: (v) => v.purchases,
    minVolume: 5,
    transform: "log",
    // one expensive basket lifts a minute's average far more than any basket can lower it
    methods: [z("down", 5.5, true), z("up", 8, true)],
  },
  {
    metric: "revenue_usd",
    label: "revenue/min (USD)",
    unit: "usd",
    value: (v) => v.revenue_usd,
    transform: "log1p",
    methods: [ewma("down", 7)],
  },
];

/**
 * The breakdown rules: a metric judged per value of a serving.kpi_dim_minute dimension, each value
 * its own series with the metric's guards and methods and its own alerts (`metric{country=DE}`).
 * Payment failure rate per country: one country's payment provider failing hides in the total.
 */
export const breakdownRules: readonly BreakdownRule[] = [{ dimension: "country", spec: paymentFailureRate }];

/** Lifecycle and judging settings. */
export interface DetectorSettings {
  /** An alert resolves after this many consecutive normal minutes of its metric. */
  resolveAfterMinutes: number;
  /** A provisional minute is judged only this long after its window ended (its data has arrived). */
  provisionalGraceMs: number;
  /** A quarantine spike: at least this share of an ingest minute's records quarantined… */
  quarantineShare: number;
  /** …and at least this many of them, within ± `quarantineSlackMinutes` of the minute judged. */
  quarantineMin: number;
  quarantineSlackMinutes: number;
  /** On a first start (no saved cursor), judge only this many of the latest minutes. */
  initialBackfillMinutes: number;
  /** The longest trailing window any method reads (minutes loaded before the first judged one). */
  lookbackMinutes: number;
}

export const defaultSettings: DetectorSettings = {
  resolveAfterMinutes: 5,
  provisionalGraceMs: 90_000,
  quarantineShare: 0.2,
  quarantineMin: 20,
  quarantineSlackMinutes: 1,
  initialBackfillMinutes: 60,
  lookbackMinutes: Math.max(
    ...[...metricSpecs, ...breakdownRules.map((r) => r.spec)].flatMap((s) =>
      s.methods.map((m) => m.windowMinutes),
    ),
  ),
};
