import { apiErrorCodes, badRequest } from "./errors.js";
import type { Step } from "./schemas/common.js";

export const stepSeconds: Record<Step, number> = { "1m": 60, "5m": 300, "15m": 900, "1h": 3600 };

const day = 86_400;
/** The widest range each step may cover (at most ~10k buckets). */
export const maxRangeSeconds: Record<Step, number> = {
  "1m": 7 * day,
  "5m": 14 * day,
  "15m": 31 * day,
  "1h": 31 * day,
};

export interface TimeRange {
  from: Date;
  to: Date;
  step: Step;
  stepSeconds: number;
}

/**
 * The effective range of a time-series query: `from` floored and `to` ceiled to the step (buckets
 * are whole and aligned to the epoch), default the last hour. Inverted, empty or too wide: 400.
 */
export function resolveRange(
  query: { from?: string; to?: string; step?: Step },
  now: Date,
  defaultStep: Step = "1m",
): TimeRange {
  const step = query.step ?? defaultStep;
  const seconds = stepSeconds[step];
  const to = query.to === undefined ? now : parseInstant("to", query.to);
  const from =
    query.from === undefined ? new Date(to.getTime() - 3600_000) : parseInstant("from", query.from);
  if (from.getTime() >= to.getTime()) {
    throw badRequest(
      `from (${from.toISOString()}) must be before to (${to.toISOString()})`,
      apiErrorCodes.range,
    );
  }
  const ms = seconds * 1000;
  const start = new Date(Math.floor(from.getTime() / ms) * ms);
  const end = new Date(Math.ceil(to.getTime() / ms) * ms);
  const max = maxRangeSeconds[step];
  if ((end.getTime() - start.getTime()) / 1000 > max) {
    throw badRequest(
      `range ${start.toISOString()}..${end.toISOString()} is wider than ${max / day} days, the limit at step=${step}`,
      apiErrorCodes.range,
    );
  }
  return { from: start, to: end, step, stepSeconds: seconds };
}

const minMs = Date.UTC(1970, 0, 1);
const maxMs = Date.UTC(9999, 11, 31);

export function parseInstant(name: string, value: string): Date {
  const date = new Date(value);
  const ms = date.getTime();
  if (Number.isNaN(ms) || ms < minMs || ms > maxMs) {
    throw badRequest(`${name}=${value} is not an instant between 1970 and 9999`, apiErrorCodes.range);
  }
  return date;
}

/**
 * An hour-aligned range for per-hour listings: `from` floored and `to` ceiled to the hour, default
 * the `defaultHours` before `to` (default now); the same 400s as resolveRange at step 1h.
 */
export function resolveHourRange(
  query: { from?: string; to?: string },
  now: Date,
  defaultHours = 24,
): TimeRange {
  const to = query.to === undefined ? now : parseInstant("to", query.to);
  const from = query.from ?? new Date(Math.max(minMs, to.getTime() - defaultHours * 3600_000)).toISOString();
  return resolveRange({ from, to: to.toISOString(), step: "1h" }, now);
}
