import type { Step } from "../api/types.js";

export const stepSeconds: Record<Step, number> = { "1m": 60, "5m": 300, "15m": 900, "1h": 3600 };

/** The widest range the API accepts at each step (days). */
const maxDays: Record<Step, number> = { "1m": 7, "5m": 14, "15m": 31, "1h": 31 };

export interface RangePreset {
  id: string;
  label: string;
  seconds: number;
  defaultStep: Step;
}

export const rangePresets: RangePreset[] = [
  { id: "15m", label: "15 min", seconds: 15 * 60, defaultStep: "1m" },
  { id: "1h", label: "1 hour", seconds: 3600, defaultStep: "1m" },
  { id: "6h", label: "6 hours", seconds: 6 * 3600, defaultStep: "5m" },
  { id: "24h", label: "24 hours", seconds: 24 * 3600, defaultStep: "15m" },
  { id: "7d", label: "7 days", seconds: 7 * 86400, defaultStep: "1h" },
];

/** Steps that make sense for a range: at most the API's limit, at least two buckets. */
export function stepsFor(preset: RangePreset): Step[] {
  return (Object.keys(stepSeconds) as Step[]).filter(
    (step) => preset.seconds <= maxDays[step] * 86400 && stepSeconds[step] * 2 <= preset.seconds,
  );
}

export interface Window {
  from: string;
  to: string;
  step: Step;
}

/** The last `preset` up to now, aligned to the step (the API aligns the same way). */
export function windowOf(preset: RangePreset, step: Step, now: number): Window {
  const ms = stepSeconds[step] * 1000;
  const to = Math.ceil(now / ms) * ms;
  return {
    from: new Date(to - preset.seconds * 1000).toISOString(),
    to: new Date(to).toISOString(),
    step,
  };
}

/** x values (unix seconds) of every bucket start in [from, to), so gaps stay gaps in a chart. */
export function bucketTimes(from: string, to: string, step: Step): number[] {
  const seconds = stepSeconds[step];
  const start = Date.parse(from) / 1000;
  const end = Date.parse(to) / 1000;
  const times: number[] = [];
  for (let t = start; t < end; t += seconds) times.push(t);
  return times;
}
