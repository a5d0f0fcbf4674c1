import {
  type DirectionSpec,
  type MetricSpec,
  noiseFloor,
  type SeverityScale,
  severityOf,
  spreadOf,
} from "./metric-spec.js";
import type { MethodVerdict } from "./types.js";

/**
 * Turns a z-like deviation (transformed scale) into a verdict: anomalous when |z| reaches the
 * threshold in an allowed direction. Shared by the robust z-score and the EWMA methods.
 */
export function zVerdict(
  spec: MetricSpec,
  method: { threshold: number; severity: SeverityScale; direction: DirectionSpec },
  observed: { raw: number; x: number; volume: number },
  center: number,
  sd: number,
): MethodVerdict {
  const sigma = Math.max(sd, noiseFloor(spec, center, observed.volume));
  const z = (observed.x - center) / sigma;
  const expected = roundish(spreadCenter(spec, center));
  const spread = spreadOf(spec, center, sigma);
  const direction = z >= 0 ? "up" : "down";
  const allowed = method.direction === "both" || method.direction === direction;
  const score = allowed ? Math.abs(z) : 0;
  if (score < method.threshold) return { status: "normal", observed: observed.raw, expected, spread, score };
  return {
    status: "anomalous",
    observed: observed.raw,
    expected,
    spread,
    score,
    severity: severityOf(score, method.severity),
    direction,
  };
}

const spreadCenter = (spec: MetricSpec, center: number) =>
  spec.transform === "log1p" ? Math.expm1(center) : spec.transform === "log" ? Math.exp(center) : center;
const roundish = (x: number) => Math.round(x * 1e6) / 1e6;
