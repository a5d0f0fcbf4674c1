import type { StageDefinition } from "@ecomstream/stage";
import { badRowsCounter } from "./bad-rows.js";
import { servingFreshnessHistogram } from "./freshness.js";
import { createLoaderLoop } from "./loader-loop.js";

const freshnessHistogram = servingFreshnessHistogram();
const badRows = badRowsCounter();

/**
 * The loader stage: no streaming queries; a Kafka consumer and a periodic gold/quality/pipeline
 * sync. /metrics adds `ecom_loader_serving_freshness_seconds` and `ecom_loader_bad_rows_total` to
 * the stage's metrics.
 */
export const loaderStage: StageDefinition = {
  name: "loader",
  port: (config) => config.pipeline.ports.loader,
  queries: () => [],
  loop: (ctx) => createLoaderLoop(ctx, { freshnessHistogram, badRowsCounter: badRows }),
  metrics: (registry) => {
    registry.registerMetric(freshnessHistogram);
    registry.registerMetric(badRows);
  },
};
