import { type EngineOptions, type SimulatedAlert, simulate } from "../engine.js";
import type { LabelledRun } from "./labelled-run.js";
import { medianOrNull, scoreRun } from "./score.js";

/** The acceptance targets of issue "anomaly detector". */
export const targets = { recall: 0.95, precision: 0.9, medianDelayMinutes: 2, falseAlertsPerDay: 1 } as const;

export interface Tally {
  incidents: number;
  detected: number;
  recall: number | null;
  alerts: number;
  truePositives: number;
  /** null when the detector opened no alert at all. */
  precision: number | null;
  medianDelayMinutes: number | null;
  delaysMinutes: number[];
}

export interface EvalReport {
  /** Per incident type (runs with incidents), in the order first seen. */
  byType: Array<Tally & { type: string }>;
  overall: Tally;
  /** Incident-free runs: false alerts per simulated day. */
  normal: { minutes: number; days: number; falseAlerts: number; falseAlertsPerDay: number | null };
  /** Alerts that matched no incident (in every run), for tuning. */
  falseAlerts: Array<SimulatedAlert & { run: string }>;
  failures: string[];
  pass: boolean;
}

export interface ScoreOptions {
  /** An alert opened up to this long after an incident's end still counts for it. */
  toleranceMinutes: number;
}

const empty = (): Tally => ({
  incidents: 0,
  detected: 0,
  recall: null,
  alerts: 0,
  truePositives: 0,
  precision: null,
  medianDelayMinutes: null,
  delaysMinutes: [],
});

function finish(t: Tally): Tally {
  return {
    ...t,
    recall: t.incidents === 0 ? null : t.detected / t.incidents,
    precision: t.alerts === 0 ? null : t.truePositives / t.alerts,
    medianDelayMinutes: medianOrNull(t.delaysMinutes),
  };
}

/**
 * Runs a detector over labelled runs in simulated time (every minute judged once, in order) and
 * scores it: event-level recall and precision per incident type, median detection delay, and false
 * alerts per simulated day of incident-free runs; `failures` names each missed target.
 */
export function scoreDetector(
  runs: readonly LabelledRun[],
  options: ScoreOptions = { toleranceMinutes: 5 },
  engine: EngineOptions = {},
): EvalReport {
  const byType = new Map<string, Tally>();
  const overall = empty();
  const normal = { minutes: 0, days: 0, falseAlerts: 0, falseAlertsPerDay: null as number | null };
  const falseAlerts: EvalReport["falseAlerts"] = [];
  for (const run of runs) {
    const alerts = simulate(run.points, run.quality, engine, run.breakdowns ?? []);
    const s = scoreRun(alerts, run.incidents, options.toleranceMinutes);
    falseAlerts.push(...s.falseAlerts.map((a) => ({ ...a, run: run.name })));
    if (run.incidents.length === 0) {
      normal.minutes += run.points.length;
      normal.falseAlerts += alerts.length;
      continue;
    }
    for (const type of new Set(run.incidents.map((i) => i.type))) {
      const own = run.incidents.filter((i) => i.type === type);
      const t = scoreRun(alerts, own, options.toleranceMinutes);
      const tally = byType.get(type) ?? empty();
      tally.incidents += t.incidents;
      tally.detected += t.detected;
      tally.delaysMinutes.push(...t.delaysMinutes);
      // an alert counts for this type when it matches one of its incidents; alerts matching no
      // incident of the run count against every type in the run
      tally.truePositives += t.truePositives;
      tally.alerts += t.truePositives + s.falseAlerts.length;
      byType.set(type, tally);
    }
    overall.incidents += s.incidents;
    overall.detected += s.detected;
    overall.delaysMinutes.push(...s.delaysMinutes);
    overall.alerts += s.alerts;
    overall.truePositives += s.truePositives;
  }
  normal.days = normal.minutes / 1440;
  normal.falseAlertsPerDay = normal.days > 0 ? normal.falseAlerts / normal.days : null;
  const total = finish(overall);
  const failures: string[] = [];
  const fmt = (v: number | null, digits = 3) => (v === null ? "n/a" : v.toFixed(digits));
  if (total.recall === null || total.recall < targets.recall)
    failures.push(`recall ${fmt(total.recall)} < ${targets.recall}`);
  if (total.precision === null || total.precision < targets.precision)
    failures.push(`precision ${fmt(total.precision)} < ${targets.precision}`);
  if (total.medianDelayMinutes === null || total.medianDelayMinutes > targets.medianDelayMinutes)
    failures.push(`median delay ${fmt(total.medianDelayMinutes, 2)} min > ${targets.medianDelayMinutes}`);
  if (normal.falseAlertsPerDay === null || normal.falseAlertsPerDay > targets.falseAlertsPerDay)
    failures.push(`false alerts/day ${fmt(normal.falseAlertsPerDay, 2)} > ${targets.falseAlertsPerDay}`);
  return {
    byType: [...byType.entries()].map(([type, t]) => ({ type, ...finish(t) })),
    overall: total,
    normal,
    falseAlerts,
    failures,
    pass: failures.length === 0,
  };
}
