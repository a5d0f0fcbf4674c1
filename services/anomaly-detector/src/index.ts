export {
  type BreakdownPoint,
  type BreakdownRule,
  BreakdownSeries,
  baseMetric,
  breakdownKey,
  type DimMeasures,
  dimValues,
} from "./breakdown.js";
export { type DetectorConfig, detectorSettings, loadDetectorConfig } from "./config.js";
export { breakdownRules, type DetectorSettings, defaultSettings, metricSpecs } from "./detectors.js";
export { DetectorEngine, type EngineOptions, type SimulatedAlert, simulate } from "./engine.js";
export { configuredJudge, type Judge, judgeMinute } from "./judge.js";
export { type AlertChange, type DetectorState, emptyState, type OpenAlert, step } from "./lifecycle.js";
export type { MethodSpec, MetricSpec } from "./metric-spec.js";
export { MinuteSeries } from "./series.js";
export type { KpiPoint, MetricVerdict, QualityPoint, Severity } from "./types.js";
