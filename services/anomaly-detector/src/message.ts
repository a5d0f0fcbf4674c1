import type { MetricSpec } from "./metric-spec.js";

const pad = (n: number) => String(n).padStart(2, "0");

/** HH:MM (UTC) of an instant. */
export function hhmm(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** A value as a human reads it in the metric's unit. */
export function formatValue(unit: MetricSpec["unit"], value: number): string {
  if (!Number.isFinite(value)) return String(value);
  switch (unit) {
    case "count":
      return String(Math.round(value));
    case "ratio":
      return `${(value * 100).toFixed(value < 0.1 ? 1 : 0)}%`;
    case "usd":
      return value >= 100 ? String(Math.round(value)) : value.toFixed(2);
  }
}

/**
 * "purchases/min 0 vs expected 41 ± 6 since 12:03 UTC (zero_while_busy)", plus the data-quality
 * note when a quarantine spike coincides.
 */
export function alertMessage(
  spec: Pick<MetricSpec, "label" | "unit">,
  a: {
    observed: number;
    expected: number;
    spread: number;
    sinceMs: number;
    method: string;
    /** Set for a data-quality alert; share = the quarantined share of the spike, when known. */
    dataQuality?: { share: number | undefined } | undefined;
  },
): string {
  const f = (v: number) => formatValue(spec.unit, v);
  const text = `${spec.label} ${f(a.observed)} vs expected ${f(a.expected)} ± ${f(Math.abs(a.spread))} since ${hhmm(a.sinceMs)} UTC (${a.method})`;
  if (a.dataQuality === undefined) return text;
  const share = a.dataQuality.share;
  const detail = share === undefined ? "" : ` (${Math.round(share * 100)}% of records quarantined)`;
  return `${text}; coincides with a quarantine spike${detail}: data quality, not business`;
}
