export { type CompactLakeOptions, compactLake } from "./compact-lake.js";
export { lakeOpsStage } from "./definition.js";
export { createLakeOpsLoop, type LakeOpsHealth, type LakeOpsLoop } from "./lake-ops-loop.js";
export { type LakeRetention, retainLake } from "./retain-lake.js";
