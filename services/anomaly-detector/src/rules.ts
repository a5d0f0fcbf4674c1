import {
  type MetricSpec,
  observe,
  type RateAboveSpec,
  type SurgeSpec,
  severityOf,
  type ZeroWhileBusySpec,
} from "./metric-spec.js";
import { binomialTailAtLeast, median, surprise } from "./stats.js";
import type { KpiPoint, MethodVerdict } from "./types.js";

const usable = (spec: MetricSpec, history: readonly KpiPoint[]) =>
  history.filter((p) => "raw" in observe(spec, p));

/**
 * A count at 0 while the shop is busy: sessions at least `minSessions`, and the baseline (scaled by
 * the current traffic against the baseline's) expecting at least `minExpected`. Score = -log10 of
 * the Poisson probability of a 0.
 */
export function zeroWhileBusy(
  spec: MetricSpec,
  rule: ZeroWhileBusySpec,
  current: KpiPoint,
  history: readonly KpiPoint[],
): MethodVerdict {
  const observed = spec.value(current.values);
  if (observed === null) return { status: "skip", reason: "no value" };
  const sessions = current.values.unique_sessions;
  if (sessions < rule.minSessions) return { status: "skip", reason: "low traffic" };
  const base = usable(spec, history);
  if (base.length < rule.minPoints) return { status: "skip", reason: "short baseline" };
  const typical = median(base.map((p) => spec.value(p.values) as number));
  const typicalSessions = median(base.map((p) => p.values.unique_sessions));
  const expected = typicalSessions > 0 ? typical * Math.min(sessions / typicalSessions, 4) : typical;
  const spread = Math.sqrt(Math.max(expected, 1));
  const score = observed > 0 || expected < rule.minExpected ? 0 : surprise(Math.exp(-expected));
  if (score < rule.threshold) return { status: "normal", observed, expected, spread, score };
  return {
    status: "anomalous",
    observed,
    expected,
    spread,
    score,
    severity: severityOf(score, rule.severity),
    direction: "down",
  };
}

/**
 * A rate above an absolute limit that is also improbable under the baseline rate: with n the
 * metric's volume and k the numerator, P(X >= k | n, p0) (binomial, p0 = pooled trailing rate).
 * Score = -log10 of that probability.
 */
export function rateAbove(
  spec: MetricSpec,
  rule: RateAboveSpec,
  current: KpiPoint,
  history: readonly KpiPoint[],
): MethodVerdict {
  const o = observe(spec, current);
  if ("skip" in o) return { status: "skip", reason: o.skip };
  const base = usable(spec, history);
  if (base.length < rule.minPoints) return { status: "skip", reason: "short baseline" };
  // the median minute's rate: a past incident in the window does not lift it
  const typical = median(base.map((p) => spec.value(p.values) as number));
  const p0 = Math.min(Math.max(typical, rule.baselineFloor), 0.5);
  const n = Math.round(o.volume);
  const k = Math.round(rule.numerator(current.values));
  const spread = Math.sqrt((p0 * (1 - p0)) / Math.max(n, 1));
  const score = o.raw < rule.limit ? 0 : surprise(binomialTailAtLeast(k, n, p0));
  if (score < rule.threshold) return { status: "normal", observed: o.raw, expected: p0, spread, score };
  return {
    status: "anomalous",
    observed: o.raw,
    expected: p0,
    spread,
    score,
    severity: severityOf(score, rule.severity),
    direction: "up",
  };
}

/** The value at least `threshold` times its trailing median (traffic far above baseline). */
export function surge(
  spec: MetricSpec,
  rule: SurgeSpec,
  current: KpiPoint,
  history: readonly KpiPoint[],
): MethodVerdict {
  const o = observe(spec, current);
  if ("skip" in o) return { status: "skip", reason: o.skip };
  const base = usable(spec, history).map((p) => spec.value(p.values) as number);
  if (base.length < rule.minPoints) return { status: "skip", reason: "short baseline" };
  const expected = median(base);
  if (expected < rule.minBaseline) return { status: "skip", reason: "low baseline" };
  const spread = expected * (rule.threshold - 1);
  const score = o.raw / expected;
  if (score < rule.threshold) return { status: "normal", observed: o.raw, expected, spread, score };
  return {
    status: "anomalous",
    observed: o.raw,
    expected,
    spread,
    score,
    severity: severityOf(score, rule.severity),
    direction: "up",
  };
}
