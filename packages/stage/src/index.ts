export { Backoff } from "./backoff.js";
export { checkLoopRecovers, type LoopRecovery } from "./loop-recovery.js";
export { LoopRunner, type LoopRunnerOptions, type LoopStatus, type RunnableLoop } from "./loop-runner.js";
export { stageMetrics } from "./metrics.js";
export {
  type ManagedQuery,
  noteEventTime,
  type QueryPhase,
  type QueryState,
  QuerySupervisor,
} from "./query-supervisor.js";
export { stageSessionId } from "./session-store.js";
export {
  isPathNotFound,
  sparkTs,
  unlessMissing,
} from "./spark-util.js";
export { runStageProcess, Stage, type StageContext, type StageDefinition, type StageLoop } from "./stage.js";
export { type StageHealth, startStageServer } from "./stage-server.js";
export { stateStoreConf, useRocksDbStateStore } from "./state-store.js";
export { stopStageQueries } from "./stop-queries.js";
