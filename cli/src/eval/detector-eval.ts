import { join } from "node:path";
import type { EngineOptions } from "@ecomstream/anomaly-detector";
import { type EvalReport, type LabelledRun, scoreDetector } from "@ecomstream/anomaly-detector/eval";
import type { EcomConfig } from "@ecomstream/runtime";
import { cachedRun } from "./detector-dataset.js";
import { defaultEvalOptions, type EvalOptions, planRuns } from "./detector-plan.js";

/** Where generated evaluation runs are kept (keyed by their spec and the generator's sources). */
export const evalCacheDir = (config: Pick<EcomConfig, "cache">): string =>
  join(config.cache, "detector-eval");

/** The labelled runs of an evaluation: incident-free traffic plus one run per incident type. */
export function evalRuns(options: Partial<EvalOptions> = {}, cacheDir?: string): LabelledRun[] {
  return planRuns({ ...defaultEvalOptions, ...options }).map((spec) => cachedRun(spec, cacheDir));
}

/** The fast evaluation: the detector (configured, or `engine`'s) on the generator's expected series. */
export function evaluateDetector(
  runs: readonly LabelledRun[],
  engine: EngineOptions = {},
  options: Partial<EvalOptions> = {},
): EvalReport {
  const toleranceMinutes = options.toleranceMinutes ?? defaultEvalOptions.toleranceMinutes;
  return scoreDetector(runs, { toleranceMinutes }, engine);
}
