import { ewma } from "./ewma.js";
import type { MethodSpec, MetricSpec } from "./metric-spec.js";
import { robustZ } from "./robust-z.js";
import { rateAbove, surge, zeroWhileBusy } from "./rules.js";
import type { KpiSeries } from "./series.js";
import type { KpiPoint, MethodVerdict, MetricVerdict, Severity } from "./types.js";

export function runMethod(
  spec: MetricSpec,
  method: MethodSpec,
  current: KpiPoint,
  series: KpiSeries,
): MethodVerdict {
  const history = series.trailing(current.minuteMs, method.windowMinutes);
  switch (method.method) {
    case "robust_z":
      return robustZ(spec, method, current, history);
    case "ewma":
      return ewma(spec, method, current, history);
    case "zero_while_busy":
      return zeroWhileBusy(spec, method, current, history);
    case "rate_above":
      return rateAbove(spec, method, current, history);
    case "surge":
      return surge(spec, method, current, history);
    default: {
      const never: never = method;
      throw new TypeError(`unknown method ${JSON.stringify(never)}`);
    }
  }
}

const rank: Record<Severity, number> = { info: 0, warning: 1, critical: 2 };

/**
 * One verdict per metric for the minute at `current`: anomalous when any of its methods fires (the
 * most severe, then the highest score relative to its threshold, names the method); normal when
 * at least one method could judge; skip otherwise.
 */
export function judgeMinute(
  specs: readonly MetricSpec[],
  series: KpiSeries,
  current: KpiPoint,
): MetricVerdict[] {
  return specs.map((spec) => {
    let best: { verdict: MetricVerdict; strength: number } | undefined;
    let normal: MetricVerdict | undefined;
    let skip: MetricVerdict | undefined;
    for (const method of spec.methods) {
      const verdict = {
        ...runMethod(spec, method, current, series),
        metric: spec.metric,
        method: method.method,
      };
      if (verdict.status === "anomalous") {
        const strength = rank[verdict.severity] * 1e6 + verdict.score / method.threshold;
        if (!best || strength > best.strength) best = { verdict, strength };
      } else if (verdict.status === "normal") normal ??= verdict;
      else skip ??= verdict;
    }
    return best?.verdict ?? normal ?? (skip as MetricVerdict);
  });
}

/** The judge the engine calls: replaceable (tests plug in detectors that never or always fire). */
export type Judge = (series: KpiSeries, current: KpiPoint) => MetricVerdict[];

export const configuredJudge =
  (specs: readonly MetricSpec[]): Judge =>
  (series, current) =>
    judgeMinute(specs, series, current);
