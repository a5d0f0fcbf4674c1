import type { StageDefinition } from "@ecomstream/stage";
import { createFirstCopyLoop } from "./first-copy-loop.js";
import { quarantineQuery, silverQuery } from "./silver-queries.js";

export const silverStage: StageDefinition = {
  name: "silver-writer",
  port: (config) => config.pipeline.ports.silver,
  queries: ({ config, lake }) => [silverQuery(config, lake), quarantineQuery(config, lake)],
  loop: (ctx) => createFirstCopyLoop(ctx),
};
