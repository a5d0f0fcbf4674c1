import type { StageDefinition } from "@ecomstream/stage";
import { createLakeOpsLoop } from "./lake-ops-loop.js";

/** The lake-ops stage: no streaming queries; scheduled compaction and lake health. */
export const lakeOpsStage: StageDefinition = {
  name: "lake-ops",
  port: (config) => config.lakeOps.port,
  queries: () => [],
  loop: (ctx) => createLakeOpsLoop(ctx),
};
