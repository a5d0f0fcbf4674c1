import type { StageDefinition } from "@ecomstream/stage";
import { createGoldLoop } from "./gold-loop.js";
import { provisionalQuery } from "./provisional-query.js";

export const goldStage: StageDefinition = {
  name: "gold-writer",
  port: (config) => config.pipeline.ports.gold,
  queries: ({ config }) => [provisionalQuery(config)],
  loop: (ctx) => createGoldLoop(ctx),
};
