export type { DecodeOptions, Row } from "./arrow.js";
export { decimalToString, tableFromBatches, tableToRows } from "./arrow.js";
export { benchSparkConnect, type SparkConnectBench } from "./bench.js";
export { RuntimeConfig } from "./conf.js";
export { DataFrame } from "./dataframe.js";
export {
  errorCodes,
  SparkConnectError,
  type SparkConnectErrorCode,
  SparkConnectionError,
  SparkError,
  SparkVersionMismatchError,
} from "./errors.js";
export type { Relation } from "./plan.js";
export {
  defaultProtoDir,
  type EnsureProtosOptions,
  type EnsureProtosResult,
  ensureProtos,
  installedProtoVersion,
  pinnedSparkVersion,
} from "./proto-fetch.js";
export { DataFrameReader, DataStreamReader } from "./reader.js";
export { type ConnectOptions, SparkSession } from "./session.js";
export { DataStreamWriter, type OutputMode, type Trigger } from "./stream-writer.js";
export {
  StreamingQuery,
  type StreamingQueryException,
  StreamingQueryManager,
  type StreamingQueryProgress,
  type StreamingQueryStatus,
} from "./streaming-query.js";
export type { StructField, StructType } from "./types.js";
export { type ConnectionString, parseConnectionString } from "./url.js";
export { DataFrameWriter, type SaveMode } from "./writer.js";
