import { alertMessage } from "./message.js";
import type { MetricSpec } from "./metric-spec.js";
import type { AlertKind, MetricVerdict, Severity } from "./types.js";

/** An unresolved alert (one per metric, or per metric and dimension value, at most). */
export interface OpenAlert {
  /** serving.alerts.id once stored. */
  id?: number;
  /** The metric, or for a breakdown rule the metric and dimension value: `payment_failure_rate{country=DE}`. */
  metric: string;
  /** "silenced": resolved by a person while still anomalous; closes quietly once normal again. */
  status: "open" | "acknowledged" | "silenced";
  /** window_start of the first anomalous minute. */
  openedMs: number;
  /** window_start of the latest anomalous minute. */
  lastSeenMs: number;
  observed: number;
  expected: number;
  spread: number;
  score: number;
  /** The highest severity seen while it lasts. */
  severity: Severity;
  method: string;
  kind: AlertKind;
  message: string;
  /** Consecutive normal minutes since it was last seen. */
  normalStreak: number;
}

/** What the detector remembers between minutes (saved in serving.service_state). */
export interface DetectorState {
  /** window_start of the last judged minute. */
  cursorMs: number | null;
  /** window_start of the last judged serving.kpi_dim_minute minute (breakdown rules); null: none yet. */
  breakdownCursorMs?: number | null | undefined;
  /** Keyed by metric, or by breakdown key (`payment_failure_rate{country=DE}`). */
  open: Record<string, OpenAlert>;
}

export const emptyState = (): DetectorState => ({ cursorMs: null, breakdownCursorMs: null, open: {} });

export type AlertChange =
  | { type: "opened"; alert: OpenAlert }
  | { type: "updated"; alert: OpenAlert }
  | { type: "resolved"; alert: OpenAlert; resolvedMs: number };

const rank: Record<Severity, number> = { info: 0, warning: 1, critical: 2 };

export interface StepContext {
  specs: ReadonlyMap<string, Pick<MetricSpec, "label" | "unit">>;
  resolveAfterMinutes: number;
  /** The quarantine spike coinciding with this minute, if any. */
  quarantine?: { share: number } | undefined;
}

/**
 * Applies one minute's verdicts to the open alerts: an anomaly opens an alert for its metric or,
 * when one is open, updates it (observed, score, last seen, message); N consecutive normal minutes
 * resolve it; skipped minutes change nothing. A drop that coincides with a quarantine spike opens
 * as kind data_quality. Pure: returns the new state and the changes to store.
 */
export function step(
  state: DetectorState,
  minute: number,
  verdicts: readonly MetricVerdict[],
  ctx: StepContext,
): { state: DetectorState; changes: AlertChange[] } {
  const open = { ...state.open };
  const changes: AlertChange[] = [];
  for (const v of verdicts) {
    const current = open[v.metric];
    if (v.status === "anomalous") {
      const spec = ctx.specs.get(v.metric) ?? { label: v.metric, unit: "count" as const };
      const dataQuality = v.direction === "down" && ctx.quarantine !== undefined;
      const kind: AlertKind = current?.kind ?? (dataQuality ? "data_quality" : "business");
      const openedMs = current?.openedMs ?? minute;
      const severity = current && rank[current.severity] > rank[v.severity] ? current.severity : v.severity;
      const message = alertMessage(spec, {
        observed: v.observed,
        expected: v.expected,
        spread: v.spread,
        sinceMs: openedMs,
        method: v.method,
        dataQuality: kind === "data_quality" ? { share: ctx.quarantine?.share } : undefined,
      });
      const next: OpenAlert = {
        ...(current?.id === undefined ? {} : { id: current.id }),
        metric: v.metric,
        status: current?.status ?? "open",
        openedMs,
        lastSeenMs: Math.max(minute, current?.lastSeenMs ?? minute),
        observed: v.observed,
        expected: v.expected,
        spread: v.spread,
        score: v.score,
        severity,
        method: v.method,
        kind,
        message,
        normalStreak: 0,
      };
      open[v.metric] = next;
      if (next.status !== "silenced") changes.push({ type: current ? "updated" : "opened", alert: next });
    } else if (v.status === "normal" && current && minute > current.lastSeenMs) {
      // (minutes before the last anomalous one are re-judged only after a lost cursor)
      const streak = current.normalStreak + 1;
      if (streak >= ctx.resolveAfterMinutes) {
        delete open[v.metric];
        if (current.status !== "silenced")
          changes.push({ type: "resolved", alert: { ...current, normalStreak: streak }, resolvedMs: minute });
      } else open[v.metric] = { ...current, normalStreak: streak };
    }
  }
  return { state: { ...state, cursorMs: minute, open }, changes };
}
