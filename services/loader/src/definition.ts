import type { StageDefinition } from "@ecomstream/stage";
import { servingFreshnessHistogram } from "./freshness.js";
import { createLoaderLoop } from "./loader-loop.js";

const freshnessHistogram = servingFreshnessHistogram();

/**
 * The loader stage: no streaming queries; a Kafka consumer and a periodic gold/quality/pipeline
 * sync. /metrics adds `ecom_loader_serving_freshness_seconds` to the stage's metrics.
 */
export const loaderStage: StageDefinition = {
  name: "loader",
  port: (config) => config.pipeline.ports.loader,
  queries: () => [],
  loop: (ctx) => createLoaderLoop(ctx, { freshnessHistogram }),
  metrics: (registry) => registry.registerMetric(freshnessHistogram),
};
