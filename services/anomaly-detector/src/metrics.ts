import { Counter, Gauge, Registry } from "prom-client";

/** The detector's Prometheus metrics (labels: metric, kind, outcome; all low-cardinality). */
export function detectorMetrics() {
  const registry = new Registry();
  registry.setDefaultLabels({ service: "anomaly-detector" });
  const registers = [registry];
  return {
    registry,
    minutesJudged: new Counter({
      name: "ecom_detector_minutes_judged_total",
      help: "KPI minutes judged",
      registers,
    }),
    alertsOpened: new Counter({
      name: "ecom_detector_alerts_opened_total",
      help: "alerts opened",
      labelNames: ["metric", "kind"],
      registers,
    }),
    alertsResolved: new Counter({
      name: "ecom_detector_alerts_resolved_total",
      help: "alerts resolved after normal minutes",
      labelNames: ["metric"],
      registers,
    }),
    openAlerts: new Gauge({ name: "ecom_detector_open_alerts", help: "alerts not yet resolved", registers }),
    lagSeconds: new Gauge({
      name: "ecom_detector_lag_seconds",
      help: "now minus the end of the last judged minute",
      registers,
    }),
    passErrors: new Counter({
      name: "ecom_detector_pass_errors_total",
      help: "failed detection passes",
      registers,
    }),
    webhook: new Counter({
      name: "ecom_detector_webhook_deliveries_total",
      help: "webhook deliveries by outcome",
      labelNames: ["outcome"],
      registers,
    }),
  };
}

export type DetectorMetrics = ReturnType<typeof detectorMetrics>;
