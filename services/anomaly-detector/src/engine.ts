import {
  type BreakdownPoint,
  type BreakdownRule,
  BreakdownSeries,
  judgeBreakdownMinute,
} from "./breakdown.js";
import { breakdownRules, type DetectorSettings, defaultSettings, metricSpecs } from "./detectors.js";
import { configuredJudge, type Judge } from "./judge.js";
import { type AlertChange, type DetectorState, emptyState, step } from "./lifecycle.js";
import type { MetricSpec } from "./metric-spec.js";
import { quarantineSpike } from "./quality.js";
import { type KpiSeries, MinuteSeries, type QualitySeries } from "./series.js";
import { type KpiPoint, minuteMs, type QualityPoint } from "./types.js";

export interface EngineOptions {
  specs?: readonly MetricSpec[];
  /** Metrics judged per dimension value of serving.kpi_dim_minute (default: the configured ones). */
  breakdowns?: readonly BreakdownRule[];
  settings?: DetectorSettings;
  /** Default: the configured detectors over `specs`. */
  judge?: Judge;
}

/** Judges minutes and runs the alert lifecycle; the same code in the service and the evaluation. */
export class DetectorEngine {
  readonly specs: readonly MetricSpec[];
  readonly breakdowns: readonly BreakdownRule[];
  readonly settings: DetectorSettings;
  private readonly judge: Judge;
  private readonly labels: ReadonlyMap<string, MetricSpec>;

  constructor(options: EngineOptions = {}) {
    this.specs = options.specs ?? metricSpecs;
    this.breakdowns = options.breakdowns ?? breakdownRules;
    this.settings = options.settings ?? defaultSettings;
    this.judge = options.judge ?? configuredJudge(this.specs);
    this.labels = new Map(this.specs.map((s) => [s.metric, s]));
  }

  /** May this minute be judged at `nowMs`? Final minutes yes; provisional ones once their data is in. */
  judgeable(point: KpiPoint, nowMs: number): boolean {
    return point.isFinal || nowMs >= point.minuteMs + minuteMs + this.settings.provisionalGraceMs;
  }

  /** Judges one minute against the series and applies the verdicts to `state`. */
  detect(
    state: DetectorState,
    series: KpiSeries,
    quality: QualitySeries,
    point: KpiPoint,
  ): { state: DetectorState; changes: AlertChange[] } {
    const verdicts = this.judge(series, point);
    return step(state, point.minuteMs, verdicts, {
      specs: this.labels,
      resolveAfterMinutes: this.settings.resolveAfterMinutes,
      quarantine: quarantineSpike(quality, point.minuteMs, this.settings),
    });
  }

  /** May this breakdown minute be judged at `nowMs`? Every row of it final, or its data in. */
  breakdownJudgeable(series: BreakdownSeries, minute: number, nowMs: number): boolean {
    return series.at(minute).every((p) => this.judgeable(p, nowMs));
  }

  /**
   * Judges one serving.kpi_dim_minute minute: every breakdown rule on every dimension value present,
   * each value against its own series; the alerts are keyed `metric{dimension=value}`, so two values
   * never share one, with the same lifecycle as kpi_minute's. Advances `breakdownCursorMs` only.
   */
  detectBreakdown(
    state: DetectorState,
    series: BreakdownSeries,
    quality: QualitySeries,
    minute: number,
  ): { state: DetectorState; changes: AlertChange[] } {
    const judged = judgeBreakdownMinute(this.breakdowns, series, minute);
    const result = step(
      state,
      minute,
      judged.map((j) => j.verdict),
      {
        specs: new Map(judged.map((j) => [j.verdict.metric, { label: j.label, unit: j.unit }])),
        resolveAfterMinutes: this.settings.resolveAfterMinutes,
        quarantine: quarantineSpike(quality, minute, this.settings),
      },
    );
    return {
      state: { ...result.state, cursorMs: state.cursorMs, breakdownCursorMs: minute },
      changes: result.changes,
    };
  }
}

/** The dimensions the breakdown rules read (serving.kpi_dim_minute.dimension). */
export const breakdownDimensions = (engine: DetectorEngine): string[] => [
  ...new Set(engine.breakdowns.map((r) => r.dimension)),
];

/** An alert over its whole life, as a simulated run reports it. */
export interface SimulatedAlert {
  metric: string;
  method: string;
  kind: string;
  severity: string;
  openedMs: number;
  lastSeenMs: number;
  resolvedMs: number | null;
  message: string;
}

/** Runs the detector over every minute of a complete series in event-time order (no clock, no database). */
export function simulate(
  points: readonly KpiPoint[],
  quality: readonly QualityPoint[] = [],
  options: EngineOptions = {},
  breakdownPoints: readonly BreakdownPoint[] = [],
): SimulatedAlert[] {
  const engine = new DetectorEngine(options);
  const series = new MinuteSeries(points);
  const breakdowns = new BreakdownSeries(breakdownPoints);
  const qualitySeries = new MinuteSeries(quality);
  let state = emptyState();
  const alerts = new Map<string, SimulatedAlert>();
  const done: SimulatedAlert[] = [];
  // kpi_minute's and the breakdowns' alerts have distinct keys: judged one after the other
  const passes = [
    ...series
      .minutes()
      .map((minute) => () => engine.detect(state, series, qualitySeries, series.get(minute) as KpiPoint)),
    ...breakdowns
      .minutes()
      .map((minute) => () => engine.detectBreakdown(state, breakdowns, qualitySeries, minute)),
  ];
  for (const judge of passes) {
    const result = judge();
    state = result.state;
    for (const change of result.changes) {
      const a = change.alert;
      const record: SimulatedAlert = {
        metric: a.metric,
        method: a.method,
        kind: a.kind,
        severity: a.severity,
        openedMs: a.openedMs,
        lastSeenMs: a.lastSeenMs,
        resolvedMs: change.type === "resolved" ? change.resolvedMs : null,
        message: a.message,
      };
      if (change.type === "opened") alerts.set(a.metric, record);
      else if (change.type === "updated")
        alerts.set(a.metric, { ...record, method: alerts.get(a.metric)?.method ?? a.method });
      else {
        alerts.delete(a.metric);
        done.push(record);
      }
    }
  }
  return [...done, ...alerts.values()].sort((a, b) => a.openedMs - b.openedMs);
}
