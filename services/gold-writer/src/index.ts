export { goldStage } from "./definition.js";
export {
  createGoldLoop,
  type GoldLoop,
  type GoldLoopHealth,
  type GoldLoopOptions,
  goldStateFile,
} from "./gold-loop.js";
export {
  legacyProvisionalQueryNames,
  provisionalKpiSql,
  provisionalQuery,
  provisionalQueryName,
} from "./provisional-query.js";
export { validEventStream } from "./provisional-source.js";
export { type RestatementResult, type RestateOptions, restateGold } from "./restate.js";
export { type SilverChanges, scanSilverChanges } from "./silver-changes.js";
