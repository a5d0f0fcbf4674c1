import type { StageDefinition } from "@ecomstream/stage";
import { badRowsCounter } from "./bad-rows.js";
import { servingFreshnessHistogram } from "./freshness.js";
import { kpiStreamFailuresCounter } from "./kpi-consumer.js";
import { createLoaderLoop } from "./loader-loop.js";

const freshnessHistogram = servingFreshnessHistogram();
const badRows = badRowsCounter();
const streamFailures = kpiStreamFailuresCounter();

/**
 * The loader stage: no streaming queries; a Kafka consumer and a periodic gold/quality/pipeline
 * sync. /metrics adds `ecom_loader_serving_freshness_seconds`, `ecom_loader_bad_rows_total` and
 * `ecom_loader_kpi_stream_failures_total` to the stage's metrics.
 */
export const loaderStage: StageDefinition = {
  name: "loader",
  port: (config) => config.pipeline.ports.loader,
  queries: () => [],
  loop: (ctx) =>
    createLoaderLoop(ctx, {
      freshnessHistogram,
      badRowsCounter: badRows,
      streamFailuresCounter: streamFailures,
    }),
  metrics: (registry) => {
    registry.registerMetric(freshnessHistogram);
    registry.registerMetric(badRows);
    registry.registerMetric(streamFailures);
  },
};
