import {
  baselineValues,
  type EwmaSpec,
  forward,
  type MetricSpec,
  noiseFloor,
  observe,
} from "./metric-spec.js";
import { zVerdict } from "./score.js";
import { mad, madToSigma, median } from "./stats.js";
import type { KpiPoint, MethodVerdict } from "./types.js";

/** Consecutive out-of-control minutes after which the EWMA accepts a new level. */
const relearnAfter = 30;

/**
 * EWMA control limits, recomputed from the trailing window on every call (pure, so restarts need
 * no saved state): seeded with the window's median/MAD (robust to a past incident in it), then mean
 * and variance follow each in-control minute; minutes beyond the limits do not move them (unless a
 * new level persists `relearnAfter` minutes). The current minute is judged against the result.
 */
export function ewma(
  spec: MetricSpec,
  method: EwmaSpec,
  current: KpiPoint,
  history: readonly KpiPoint[],
): MethodVerdict {
  const o = observe(spec, current);
  if ("skip" in o) return { status: "skip", reason: o.skip };
  const state = ewmaState(spec, method, baselineValues(spec, history));
  if (!state) return { status: "skip", reason: "short baseline" };
  return zVerdict(spec, method, { ...o, x: forward(spec.transform, o.raw) }, state.mean, state.sd);
}

/** The EWMA mean and standard deviation after `values` (transformed), or undefined when too few. */
export function ewmaState(
  spec: MetricSpec,
  method: Pick<EwmaSpec, "alpha" | "minPoints" | "threshold">,
  values: readonly number[],
): { mean: number; sd: number } | undefined {
  if (values.length < method.minPoints) return undefined;
  let mean = median(values);
  let variance = (madToSigma * mad(values, mean)) ** 2;
  const a = method.alpha;
  let outside: number[] = [];
  for (const x of values) {
    const sd = Math.max(Math.sqrt(variance), noiseFloor(spec, mean, Number.POSITIVE_INFINITY));
    const r = x - mean;
    if (Math.abs(r) > method.threshold * sd) {
      outside.push(x);
      if (outside.length >= relearnAfter) {
        mean = median(outside);
        variance = Math.max(variance, (madToSigma * mad(outside, mean)) ** 2);
        outside = [];
      }
      continue;
    }
    outside = [];
    mean += a * r;
    variance = (1 - a) * (variance + a * r * r);
  }
  return { mean, sd: Math.sqrt(variance) };
}
