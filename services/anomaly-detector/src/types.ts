import type { KpiMinuteRow } from "@ecomstream/contracts";

/** The KPI columns of one minute (spec "Gold: kpi_minute"), without its window bounds. */
export type KpiValues = Omit<KpiMinuteRow, "window_start" | "window_end">;

/** One row of serving.kpi_minute as the detector sees it. */
export interface KpiPoint {
  /** window_start, epoch ms (a whole UTC minute). */
  minuteMs: number;
  /** False while the row is provisional (the streaming estimate, not yet restated from gold). */
  isFinal: boolean;
  values: KpiValues;
}

/** One row of serving.quality_minute (per ingest minute). */
export interface QualityPoint {
  minuteMs: number;
  records: number;
  quarantined: number;
}

export type Direction = "up" | "down";
export type Severity = "info" | "warning" | "critical";
export type AlertKind = "business" | "data_quality";

/** What one method says about one metric in one minute. */
export type MethodVerdict =
  | { status: "skip"; reason: string }
  | {
      status: "normal";
      observed: number;
      expected: number;
      spread: number;
      /** The method's statistic, below its threshold (0 when the deviation is in an ignored direction). */
      score: number;
    }
  | {
      status: "anomalous";
      observed: number;
      expected: number;
      /** One standard deviation (or the rule's tolerance) around `expected`, in the metric's unit. */
      spread: number;
      /** The method's statistic (|z|, ratio, -log10 p); severity derives from it. */
      score: number;
      severity: Severity;
      direction: Direction;
    };

/** The verdict on one metric in one minute, all its methods combined. */
export type MetricVerdict = MethodVerdict & { metric: string; method: string };

export const minuteMs = 60_000;
