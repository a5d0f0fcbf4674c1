export { artifactsDir, chromiumPath, collectPageErrors, launchChromium } from "./browser.js";
export {
  appendBronze,
  createLakeTable,
  expectedVerdict,
  idSummary,
  type KafkaRecord,
  offsetRecords,
  plantedVerdictSql,
  runQueries,
  shopRecords,
  smartTvContract,
  specsOf,
  type WriterQuery,
} from "./lake.js";
export { homeProcesses, isLoopbackListener, type TcpListener, tcpListeners } from "./listeners.js";
export { freePort } from "./ports.js";
export { type EcomRun, runEcom } from "./run-ecom.js";
export {
  type AlertSeed,
  type KpiMinuteSeed,
  type QualitySeed,
  seedAlert,
  seedKpis,
  seedQuality,
} from "./serving-seed.js";
export { type SparkTestContext, sparkTestContext } from "./spark-home.js";
export { type TempDatabase, tempDatabase } from "./temp-database.js";
export { type TempHome, tempHome } from "./temp-home.js";
export { createTopic, deleteTopics, produce, type TopicRecord, uniqueTopic } from "./topics.js";
export { type NotYet, notYet, until, waitFor } from "./wait.js";
