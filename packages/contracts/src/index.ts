export {
  type BreakdownDimension,
  type BreakdownMeasure,
  breakdownAdditiveMeasures,
  breakdownDimensions,
  categoryEventTypes,
  categoryMeasureTotals,
  type GoldColumn,
  kpiDimMinuteColumns,
  productHourColumns,
  sparkKpiDimMinuteSql,
  sparkProductHourSql,
} from "./breakdowns.js";
export {
  type Currency,
  currencies,
  type Device,
  devices,
  type EventType,
  eventTypes,
  isEventType,
  maxFutureSkewMs,
  type ReasonCode,
  reasonCodes,
  schemaVersion,
} from "./event-types.js";
export {
  commonFields,
  type FieldName,
  type FieldRule,
  type FieldSpec,
  fieldNames,
  fieldSpec,
  fieldTable,
  isRequired,
  type JsonType,
  requiredFields,
} from "./fields.js";
export { buildJsonSchema, jsonSchemaFileName, jsonSchemaId, renderJsonSchema } from "./json-schema.js";
export {
  computeKpiMinutes,
  deriveKpis,
  fxRatesUsd,
  type KpiColumn,
  KpiMinuteAccumulator,
  type KpiMinuteRow,
  kpiCountColumns,
  kpiMinuteColumns,
  kpiRelativeTolerance,
} from "./kpis.js";
export { sampleEvents, sampleIngestTime, sampleWith } from "./samples.js";
export { ecomEventSchema } from "./schema.js";
export {
  type FunnelStep,
  funnelStepEvents,
  funnelSteps,
  type SparkSessionsOptions,
  sessionColumns,
  sparkSessionsSql,
} from "./sessions.js";
export {
  type SparkKpiOptions,
  sparkKpiAggregations,
  sparkKpiDerivedColumns,
  sparkKpiMinuteSql,
  sparkKpiWindowExpr,
} from "./spark-kpis.js";
export {
  nestStages,
  type SparkValidationOptions,
  sparkInternalColumns,
  sparkInternalPrefix,
  sparkRequiredExpr,
  sparkValidationStages,
  sqlString,
} from "./spark-sql.js";
export { silverColumns, sparkSilverDdl, sparkTypedColumns, sparkValidationSql } from "./spark-typed.js";
export { decodeUtf8, jsonLimits, parseJsonObject } from "./strict-json.js";
export { type EventInstant, formatEventTs, isAfter, parseEventTs, timestampPattern } from "./timestamp.js";
export type { EcomEvent, EventOf, PageViewEvent, PurchaseEvent, ValidationResult } from "./types.js";
export { type ValidationCase, validationCases } from "./validation-cases.js";
export { reasonRank, validateRecord } from "./validator.js";
