import type { StageDefinition } from "@ecomstream/stage";
import { createLoaderLoop } from "./loader-loop.js";

/** The loader stage: no streaming queries; a Kafka consumer and a periodic gold/quality sync. */
export const loaderStage: StageDefinition = {
  name: "loader",
  port: (config) => config.pipeline.ports.loader,
  queries: () => [],
  loop: (ctx) => createLoaderLoop(ctx),
};
