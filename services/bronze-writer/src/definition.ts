import type { StageDefinition } from "@ecomstream/stage";
import { bronzeQuery } from "./bronze-query.js";

export const bronzeStage: StageDefinition = {
  name: "bronze-writer",
  port: (config) => config.pipeline.ports.bronze,
  queries: ({ config, lake }) => [bronzeQuery(config, lake)],
};
