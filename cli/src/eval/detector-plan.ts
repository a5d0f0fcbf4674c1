import { type IncidentType, incidentTypes } from "@ecomstream/generator";

const minuteMs = 60_000;

/** One generated run: incident-free, or with incidents of one type. */
export interface RunSpec {
  name: string;
  seed: number;
  /** Daily mean events per second of event time. */
  rate: number;
  startMs: number;
  durationMinutes: number;
  incidents: Array<{ type: IncidentType; startOffsetSec: number; durationSec: number }>;
}

export interface EvalOptions {
  seed: number;
  /** Daily mean events/s of event time (the generator's --rate). */
  rate: number;
  /** Minutes of incident-free traffic (false alerts per day are measured on it). */
  normalMinutes: number;
  /** Incidents of each type, each type in a run of its own. */
  incidentsPerType: number;
  types: readonly IncidentType[];
  /** Incident-free minutes at the start of each incident run (the detectors' baselines fill). */
  warmupMinutes: number;
  /** From one incident's start to the next one's. */
  spacingMinutes: number;
  /** Incident durations are drawn from this range (minutes, plus random seconds). */
  minDurationMinutes: number;
  maxDurationMinutes: number;
  /** An alert opened up to this long after an incident's end still counts for it. */
  toleranceMinutes: number;
  /** Event-time start of every run (UTC). */
  start: string;
}

export const defaultEvalOptions: EvalOptions = {
  seed: 7,
  rate: 10,
  normalMinutes: 1440,
  incidentsPerType: 6,
  types: incidentTypes,
  warmupMinutes: 60,
  spacingMinutes: 45,
  minDurationMinutes: 5,
  maxDurationMinutes: 15,
  toleranceMinutes: 5,
  start: "2024-03-10T00:00:00Z",
};

/** A small seeded PRNG (mulberry32), so the plan is the same for the same seed. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The runs of an evaluation: one incident-free run, then one run per incident type with
 * `incidentsPerType` incidents at random seconds and durations, spread over the day (each run
 * starts at a different hour, so incidents meet both quiet and busy traffic).
 */
export function planRuns(o: EvalOptions): RunSpec[] {
  const start = Date.parse(o.start);
  if (Number.isNaN(start)) throw new RangeError(`bad start ${o.start}`);
  const random = rng(o.seed);
  const runs: RunSpec[] = [
    {
      name: "normal",
      seed: o.seed,
      rate: o.rate,
      startMs: start,
      durationMinutes: o.normalMinutes,
      incidents: [],
    },
  ];
  o.types.forEach((type, t) => {
    const incidents = Array.from({ length: o.incidentsPerType }, (_, i) => {
      const durationSec =
        (o.minDurationMinutes + random() * (o.maxDurationMinutes - o.minDurationMinutes)) * 60;
      const startOffsetSec = (o.warmupMinutes + i * o.spacingMinutes) * 60 + Math.floor(random() * 60);
      return { type, startOffsetSec, durationSec: Math.round(durationSec) };
    });
    const hourOffset = Math.floor((t * 24) / o.types.length) * 60 * minuteMs;
    runs.push({
      name: type,
      seed: o.seed + 1 + t,
      rate: o.rate,
      startMs: start + 86_400_000 * 7 + hourOffset,
      durationMinutes: o.warmupMinutes + o.incidentsPerType * o.spacingMinutes,
      incidents,
    });
  });
  return runs;
}
