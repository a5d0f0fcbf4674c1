export {
  breakdownPointsFromRows,
  type Incident,
  type LabelledRun,
  type ManifestLike,
  pointsFromRows,
  runFromManifest,
} from "./labelled-run.js";
export { type EvalReport, type ScoreOptions, scoreDetector, type Tally, targets } from "./run.js";
export { matches, relevantMetrics, scoreRun } from "./score.js";
