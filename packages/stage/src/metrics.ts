import { Gauge, Registry } from "prom-client";
import type { QueryState } from "./query-supervisor.js";

const sumOf = (items: Array<Record<string, unknown>> | undefined, key: string): number =>
  (items ?? []).reduce(
    (total, item) => total + (typeof item[key] === "number" ? (item[key] as number) : 0),
    0,
  );

/**
 * Prometheus metrics of a stage, read from its queries' last progress at scrape time. Labels are
 * the stage and query names only (low cardinality).
 */
export function stageMetrics(
  stage: string,
  states: () => QueryState[],
  extra?: (registry: Registry) => void,
) {
  const registry = new Registry();
  registry.setDefaultLabels({ stage });
  const gauge = (name: string, help: string, value: (state: QueryState) => number | undefined) =>
    new Gauge({
      name: `ecom_stage_${name}`,
      help,
      labelNames: ["query"],
      registers: [registry],
      collect() {
        this.reset();
        for (const state of states()) {
          const v = value(state);
          if (v !== undefined && Number.isFinite(v)) this.set({ query: state.name }, v);
        }
      },
    });
  gauge("query_up", "1 when the streaming query runs", (s) => (s.phase === "running" ? 1 : 0));
  gauge("query_restarts", "restarts after failures since the stage started", (s) => s.restarts);
  gauge(
    "input_rows_per_second",
    "input rows/s of the last micro-batch",
    (s) => s.lastProgress?.inputRowsPerSecond,
  );
  gauge(
    "processed_rows_per_second",
    "processed rows/s of the last micro-batch",
    (s) => s.lastProgress?.processedRowsPerSecond,
  );
  gauge("batch_input_rows", "input rows of the last micro-batch", (s) => s.lastProgress?.numInputRows);
  gauge(
    "batch_duration_ms",
    "duration of the last micro-batch",
    (s) => s.lastProgress?.durationMs?.triggerExecution,
  );
  gauge("batch_id", "id of the last micro-batch", (s) => s.lastProgress?.batchId);
  gauge("rows_dropped_by_watermark", "rows dropped as late by the last batch's stateful operators", (s) =>
    sumOf(s.lastProgress?.stateOperators, "numRowsDroppedByWatermark"),
  );
  gauge("state_rows", "rows held in streaming state", (s) =>
    sumOf(s.lastProgress?.stateOperators, "numRowsTotal"),
  );
  gauge("freshness_seconds", "now minus the newest event time this query has processed", (s) =>
    s.maxEventTime === undefined ? undefined : (Date.now() - Date.parse(s.maxEventTime)) / 1000,
  );
  gauge(
    "batch_freshness_seconds",
    "end of the last batch with event times minus its newest event time",
    (s) => (s.batchFreshnessMs === undefined ? undefined : s.batchFreshnessMs / 1000),
  );
  extra?.(registry);
  return registry;
}
