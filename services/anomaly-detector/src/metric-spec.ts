import type { Direction, KpiPoint, KpiValues, Severity } from "./types.js";

/** How a metric's values are transformed before scoring (log scales make drops and surges symmetric). */
export type Transform = "none" | "log1p" | "log";

export type DirectionSpec = Direction | "both";

/** Severity from a method's score: at least `critical`, at least `warning`, else info. */
export interface SeverityScale {
  warning: number;
  critical: number;
}

interface MethodBase {
  /** Fires when the score reaches this. */
  threshold: number;
  severity: SeverityScale;
  /** Trailing minutes forming the baseline (gaps omitted). */
  windowMinutes: number;
  /** Fewer usable baseline minutes than this: not judged. */
  minPoints: number;
}

/** Median/MAD of the trailing window; score = |z|. */
export interface RobustZSpec extends MethodBase {
  method: "robust_z";
  direction: DirectionSpec;
  /**
   * For averages (AOV): spread per unit of volume, so a minute's tolerance narrows as
   * 1/sqrt(volume) — a quiet night minute of 5 purchases may stray far more than a busy one.
   */
  perVolume?: boolean;
}

/** EWMA mean and variance over the trailing window (anomalous minutes excluded); score = |z|. */
export interface EwmaSpec extends MethodBase {
  method: "ewma";
  direction: DirectionSpec;
  /** Smoothing factor (0..1]: larger follows the level faster. */
  alpha: number;
}

/** The metric is 0 while traffic is high and the baseline expects plenty; score = -log10 P(0 | expected). */
export interface ZeroWhileBusySpec extends MethodBase {
  method: "zero_while_busy";
  /** Least unique_sessions in the minute for "busy". */
  minSessions: number;
  /** Least expected value (baseline scaled by today's traffic) for a zero to be surprising. */
  minExpected: number;
}

/** A ratio above an absolute limit and improbably above its baseline; score = -log10 binomial p. */
export interface RateAboveSpec extends MethodBase {
  method: "rate_above";
  /** Absolute limit of the rate (e.g. 0.2 payment failures per attempt). */
  limit: number;
  /** Numerator of the rate (e.g. payment_failures); the metric's volume is the denominator. */
  numerator: (v: KpiValues) => number;
  /** Baseline rate floor and ceiling (a clean history must not make every failure surprising). */
  baselineFloor: number;
}

/** The value far above its baseline median (traffic surges); score = observed / median. */
export interface SurgeSpec extends MethodBase {
  method: "surge";
  /** Least baseline median for the ratio to mean anything. */
  minBaseline: number;
}

export type MethodSpec = RobustZSpec | EwmaSpec | ZeroWhileBusySpec | RateAboveSpec | SurgeSpec;

export interface MetricSpec {
  /** The kpi_minute column the alert names. */
  metric: string;
  /** How a human reads it: "purchases/min". */
  label: string;
  /** How to print values: counts as integers, ratios as percentages, money with 2 decimals. */
  unit: "count" | "ratio" | "usd";
  value: (v: KpiValues) => number | null;
  /** Volume behind the value (sessions behind conversion_rate); judged only when >= minVolume. */
  volume?: (v: KpiValues) => number;
  minVolume?: number;
  transform: Transform;
  methods: readonly MethodSpec[];
}

export const forward = (t: Transform, x: number): number =>
  t === "log1p" ? Math.log1p(Math.max(0, x)) : t === "log" ? Math.log(Math.max(x, 1e-9)) : x;
export const inverse = (t: Transform, y: number): number =>
  t === "log1p" ? Math.expm1(y) : t === "log" ? Math.exp(y) : y;

export const severityOf = (score: number, scale: SeverityScale): Severity =>
  score >= scale.critical ? "critical" : score >= scale.warning ? "warning" : "info";

/** The metric's raw value in a minute, or why it cannot be judged. */
export function observe(
  spec: MetricSpec,
  point: KpiPoint,
): { raw: number; volume: number } | { skip: string } {
  const raw = spec.value(point.values);
  if (raw === null || !Number.isFinite(raw)) return { skip: "no value" };
  const volume = spec.volume ? spec.volume(point.values) : raw;
  if (spec.minVolume !== undefined && volume < spec.minVolume) return { skip: "low volume" };
  return { raw, volume };
}

/** The usable (guarded) baseline minutes among `history`: transformed value and volume. */
export function baselinePoints(
  spec: MetricSpec,
  history: readonly KpiPoint[],
): Array<{ x: number; volume: number }> {
  const out: Array<{ x: number; volume: number }> = [];
  for (const point of history) {
    const o = observe(spec, point);
    if ("raw" in o) out.push({ x: forward(spec.transform, o.raw), volume: o.volume });
  }
  return out;
}

/** The usable (guarded, transformed) baseline values among `history`. */
export function baselineValues(spec: MetricSpec, history: readonly KpiPoint[]): number[] {
  const out: number[] = [];
  for (const point of history) {
    const o = observe(spec, point);
    if ("raw" in o) out.push(forward(spec.transform, o.raw));
  }
  return out;
}

/**
 * The least standard deviation (transformed scale) sampling noise alone would give around
 * `center` at this minute's volume: Poisson for counts, binomial for ratios. Keeps near-constant
 * baselines (MAD = 0) from making every small wobble an anomaly.
 */
export function noiseFloor(spec: MetricSpec, center: number, volume: number): number {
  const level = inverse(spec.transform, center);
  if (spec.unit === "count") {
    const sd = Math.sqrt(Math.max(level, 1));
    return spec.transform === "log1p" ? sd / (Math.max(level, 0) + 1) : sd;
  }
  if (spec.unit === "ratio") {
    const p = Math.min(Math.max(level, 0.01), 0.99);
    const sd = Math.sqrt((p * (1 - p)) / Math.max(volume, 1));
    return spec.transform === "none" ? sd : sd / p;
  }
  return spec.transform === "none" ? Math.max(Math.abs(level) * 0.02, 1e-9) : 0.02;
}

/** Half the width of [inverse(center - sd), inverse(center + sd)], in the metric's own unit. */
export const spreadOf = (spec: MetricSpec, center: number, sd: number): number =>
  (inverse(spec.transform, center + sd) - inverse(spec.transform, center - sd)) / 2;
