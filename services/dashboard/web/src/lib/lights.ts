/** Red, amber or green for a pipeline stage. */
export type Light = "green" | "amber" | "red";

export interface StageFigures {
  source: "table" | "health" | "none";
  healthy: boolean | null;
  lag_records: number | null;
  freshness_seconds: number | null;
}

/** Thresholds: fresh within a minute and a trigger's worth of lag is green. */
export const lightLimits = {
  freshAmberSeconds: 120,
  freshRedSeconds: 600,
  lagAmberRecords: 50_000,
  lagRedRecords: 1_000_000,
};

/**
 * Red: down, unhealthy, or far behind (stale or a large lag). Amber: behind, or its figures are
 * unknown. Green: healthy, fresh and caught up.
 */
export function stageLight(stage: StageFigures, limits = lightLimits): { light: Light; why: string } {
  if (stage.source === "none") return { light: "red", why: "does not answer" };
  if (stage.healthy === false) return { light: "red", why: "reports unhealthy" };
  const fresh = stage.freshness_seconds;
  const lag = stage.lag_records;
  if (fresh !== null && fresh > limits.freshRedSeconds) return { light: "red", why: "stale" };
  if (lag !== null && lag > limits.lagRedRecords) return { light: "red", why: "far behind" };
  if (fresh !== null && fresh > limits.freshAmberSeconds) return { light: "amber", why: "falling behind" };
  if (lag !== null && lag > limits.lagAmberRecords) return { light: "amber", why: "lagging" };
  if (stage.healthy === null || (fresh === null && lag === null))
    return { light: "amber", why: "figures unknown" };
  return { light: "green", why: "healthy" };
}
