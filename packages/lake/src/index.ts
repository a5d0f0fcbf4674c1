export { type CompactionReport, type CompactOptions, closedPredicate, compactTable } from "./compact.js";
export { type DeltaChanges, deltaChangesAfter } from "./delta-log.js";
export { commitVersions, deltaLogUri, deltaPath, ensureDeltaTable, isDeltaTable } from "./delta-table.js";
export {
  type FirstCopyCursor,
  type FirstCopyOptions,
  type FirstCopyPass,
  settleFirstCopies,
} from "./first-copy.js";
export {
  type LastCompaction,
  type PartitionHealth,
  type SnapshotFile,
  snapshotFiles,
  type TableHealth,
  tableHealth,
} from "./health.js";
export { writeLakeHealth } from "./health-store.js";
export { judgeBronze, judgeQuarantine, storedVerdicts } from "./judge.js";
export { withTableLock } from "./lock.js";
export {
  type QuarantineReplayOptions,
  type QuarantineReplayReport,
  replayQuarantine,
} from "./quarantine-replay.js";
export { hoursIn, isConcurrentCommit } from "./replace-hours.js";
export {
  hoursOverlapping,
  type ReplayedLayer,
  type ReplayOptions,
  type ReplayReport,
  type ReplayTables,
  replayRange,
} from "./replay.js";
export {
  applyRetention,
  applyServingRetention,
  type RetentionOptions,
  type ServingClient,
  type ServingRetentionReport,
  type TableRetentionReport,
} from "./retention.js";
export { type LakeFile, type LakeStore, lakeStore, normalizeUri } from "./store.js";
export {
  type StreamConsumer,
  type StreamProgress,
  StreamProgressError,
  streamProgress,
} from "./stream-progress.js";
export { type ReadOptions, readTable, type TableRead } from "./table-reader.js";
