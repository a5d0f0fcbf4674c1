import type { KpiMinuteRow } from "@ecomstream/contracts";
import { type BreakdownPoint, dimValues } from "../breakdown.js";
import type { KpiPoint, QualityPoint } from "../types.js";

/** An injected incident: its type (the generator's name) and event-time span, epoch ms. */
export interface Incident {
  type: string;
  startMs: number;
  endMs: number;
}

/** Labelled traffic: the expected kpi_minute series, quality per ingest minute, and the incidents. */
export interface LabelledRun {
  name: string;
  points: KpiPoint[];
  quality: QualityPoint[];
  incidents: Incident[];
  /** The expected kpi_dim_minute rows, when the run has them: the breakdown rules judge these. */
  breakdowns?: BreakdownPoint[];
}

/** The parts of a generator manifest (`./ecom generate --manifest`) the evaluation reads. */
export interface ManifestLike {
  incidents: ReadonlyArray<{ type: string; start: string; end: string }>;
  kpiMinute: readonly KpiMinuteRow[];
}

/** The expected KPI series of a manifest as final minutes, with its incidents as labels. */
export function runFromManifest(name: string, manifest: ManifestLike): LabelledRun {
  const points: KpiPoint[] = manifest.kpiMinute.map((row) => {
    const { window_start, window_end: _end, ...values } = row;
    return { minuteMs: Date.parse(window_start), isFinal: true, values };
  });
  const incidents = manifest.incidents.map((i) => ({
    type: i.type,
    startMs: Date.parse(i.start),
    endMs: Date.parse(i.end),
  }));
  return { name, points, quality: [], incidents };
}

/** Rows as the manifest holds them, back to points (for datasets stored as JSON). */
export const pointsFromRows = (rows: readonly KpiMinuteRow[]): KpiPoint[] =>
  runFromManifest("", { incidents: [], kpiMinute: rows }).points;

/**
 * One dimension value's expected kpi_minute rows (the rows of its events alone, e.g. a
 * KpiMinuteAccumulator fed one country's events) as that value's kpi_dim_minute points.
 */
export const breakdownPointsFromRows = (
  dimension: string,
  dimensionValue: string,
  rows: readonly KpiMinuteRow[],
): BreakdownPoint[] =>
  rows.map((row) => ({
    minuteMs: Date.parse(row.window_start),
    isFinal: true,
    dimension,
    dimensionValue,
    values: dimValues(row),
  }));
