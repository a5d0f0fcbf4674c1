export { type BreakdownSyncResult, breakdownCursorName, syncBreakdowns } from "./breakdown-sync.js";
export { loaderStage } from "./definition.js";
export { InvalidKpiRowError, KpiStreamError, ServingWriteError } from "./errors.js";
export {
  type FreshnessSummary,
  FreshnessTracker,
  rowFreshnessMs,
  servingFreshnessHistogram,
} from "./freshness.js";
export { type GoldCursor, goldCursorName } from "./gold-cursor.js";
export { goldDdl, readGoldRows } from "./gold-source.js";
export { type GoldSyncResult, syncGold } from "./gold-sync.js";
export { KpiConsumer, type KpiConsumerHealth, type KpiConsumerOptions } from "./kpi-consumer.js";
export { type KpiRow, kpiRowFromJson, kpiRowFromObject } from "./kpi-row.js";
export { upsertKpiRows } from "./kpi-store.js";
export {
  createLoaderLoop,
  type LoaderHealth,
  type LoaderLoop,
  type LoaderLoopOptions,
  loaderGroupId,
} from "./loader-loop.js";
export { type QualityMinute, qualityCursorName } from "./quality-plan.js";
export { type QualitySyncResult, syncQuality } from "./quality-sync.js";
