import { baselinePoints, forward, type MetricSpec, observe, type RobustZSpec } from "./metric-spec.js";
import { zVerdict } from "./score.js";
import { mad, madToSigma, median } from "./stats.js";
import type { KpiPoint, MethodVerdict } from "./types.js";

/**
 * Robust z-score: the minute against the median and MAD of the trailing window (gaps and guarded
 * minutes omitted), with a sampling-noise floor on the spread. With `perVolume`, deviations are
 * scaled by sqrt(volume) before the MAD and the spread by 1/sqrt(this minute's volume).
 */
export function robustZ(
  spec: MetricSpec,
  method: RobustZSpec,
  current: KpiPoint,
  history: readonly KpiPoint[],
): MethodVerdict {
  const o = observe(spec, current);
  if ("skip" in o) return { status: "skip", reason: o.skip };
  const base = baselinePoints(spec, history);
  if (base.length < method.minPoints) return { status: "skip", reason: "short baseline" };
  const center = median(base.map((b) => b.x));
  let sd: number;
  if (method.perVolume) {
    const scaled = base.map((b) => (b.x - center) * Math.sqrt(Math.max(b.volume, 1)));
    sd = (madToSigma * mad(scaled, 0)) / Math.sqrt(Math.max(o.volume, 1));
  } else {
    sd =
      madToSigma *
      mad(
        base.map((b) => b.x),
        center,
      );
  }
  return zVerdict(spec, method, { ...o, x: forward(spec.transform, o.raw) }, center, sd);
}
