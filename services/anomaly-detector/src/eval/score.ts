import { baseMetric } from "../breakdown.js";
import type { SimulatedAlert } from "../engine.js";
import { median } from "../stats.js";
import { minuteMs } from "../types.js";
import type { Incident } from "./labelled-run.js";

/** Metrics whose alert (on the total or on a dimension value) counts as detecting an incident of each type. */
export const relevantMetrics: Readonly<Record<string, readonly string[]>> = {
  checkout_outage: ["purchases", "conversion_rate", "revenue_usd"],
  payment_failure_spike: ["payment_failure_rate", "purchases", "conversion_rate", "revenue_usd"],
  traffic_spike: ["events", "unique_sessions"],
  price_glitch: ["aov_usd", "revenue_usd"],
  conversion_drop: ["purchases", "conversion_rate", "revenue_usd"],
};

export interface RunScore {
  incidents: number;
  detected: number;
  /** Simulated minutes from each detected incident's start to the end of its first alerting minute. */
  delaysMinutes: number[];
  alerts: number;
  truePositives: number;
  falseAlerts: SimulatedAlert[];
}

/** Whether an alert opened for `incident`: a relevant metric, opened in its span (+ tolerance). */
export function matches(alert: SimulatedAlert, incident: Incident, toleranceMinutes: number): boolean {
  const from = Math.floor(incident.startMs / minuteMs) * minuteMs;
  return (
    (relevantMetrics[incident.type] ?? []).includes(baseMetric(alert.metric)) &&
    alert.openedMs >= from &&
    alert.openedMs < incident.endMs + toleranceMinutes * minuteMs
  );
}

/**
 * Event-level scoring: an incident is detected when an alert for a relevant metric opens within
 * its span + tolerance (delay = end of that alert's first minute - incident start); an alert is a
 * true positive when it matches some incident, a false alert otherwise.
 */
export function scoreRun(
  alerts: readonly SimulatedAlert[],
  incidents: readonly Incident[],
  toleranceMinutes: number,
): RunScore {
  const delaysMinutes: number[] = [];
  for (const incident of incidents) {
    const first = alerts
      .filter((a) => matches(a, incident, toleranceMinutes))
      .sort((a, b) => a.openedMs - b.openedMs)[0];
    if (first) delaysMinutes.push((first.openedMs + minuteMs - incident.startMs) / minuteMs);
  }
  const falseAlerts = alerts.filter((a) => !incidents.some((i) => matches(a, i, toleranceMinutes)));
  return {
    incidents: incidents.length,
    detected: delaysMinutes.length,
    delaysMinutes,
    alerts: alerts.length,
    truePositives: alerts.length - falseAlerts.length,
    falseAlerts,
  };
}

export const medianOrNull = (values: readonly number[]): number | null =>
  values.length === 0 ? null : median(values);
