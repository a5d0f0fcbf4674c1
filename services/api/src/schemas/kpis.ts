import { type KpiColumn, kpiMinuteColumns } from "@ecomstream/contracts";
import { type TSchema, Type } from "@sinclair/typebox";
import { DateTime, Nullable, steps } from "./common.js";

/** The JSON Schema of one kpi_minute column, from the contract's column list and definitions. */
function columnSchema(column: KpiColumn, description = column.definition): TSchema {
  const base =
    column.type === "timestamp"
      ? DateTime(description)
      : column.type === "bigint"
        ? Type.Integer({ minimum: 0, description })
        : Type.Number({ description });
  return column.nullable ? Nullable(base) : base;
}

const kpiColumns = (describe?: (column: KpiColumn) => string | undefined) =>
  Object.fromEntries(
    kpiMinuteColumns.map((column) => [column.name, columnSchema(column, describe?.(column))]),
  ) as Record<string, TSchema>;

/** One serving.kpi_minute row. */
export const KpiMinuteSchema = Type.Object(
  {
    ...kpiColumns(),
    is_final: Type.Boolean({ description: "true once gold's final value replaced the provisional one" }),
    source: Type.String({ enum: ["provisional", "gold"] }),
    updated_at: DateTime("when the row last changed"),
    max_event_ts: Nullable(
      DateTime(
        "the newest event time the row counts, from the provisional stream (null when only gold wrote the row); now minus it is how old the newest visible event is",
      ),
    ),
  },
  { title: "KpiMinute", additionalProperties: false },
);

const bucketDescriptions: Record<string, string> = {
  window_start: "start of the bucket (inclusive)",
  window_end: "end of the bucket (exclusive)",
  unique_users: "sum of the per-minute distinct users: an upper bound of the bucket's distinct users",
  unique_sessions:
    "sum of the per-minute distinct sessions: an upper bound of the bucket's distinct sessions",
  revenue_usd: "sum of the minutes' revenue_usd",
  aov_usd: "revenue_usd / purchases over the bucket (null when 0)",
  conversion_rate: "purchases / unique_sessions over the bucket (null when 0); a lower bound",
  payment_failure_rate: "payment_failures / (purchases + payment_failures) over the bucket (null when 0)",
};

/** One rolled-up bucket: additive columns summed, ratios recomputed from the sums. */
export const KpiBucketSchema = Type.Object(
  {
    ...kpiColumns((column) => bucketDescriptions[column.name] ?? `sum over the bucket: ${column.definition}`),
    minutes: Type.Integer({ minimum: 1, description: "minutes of the bucket present in kpi_minute" }),
    is_final: Type.Boolean({ description: "true when every minute of the bucket is final" }),
  },
  { title: "KpiBucket", additionalProperties: false },
);

export const KpiSeriesSchema = Type.Object(
  {
    from: DateTime("effective start (floored to the step)"),
    to: DateTime("effective end (ceiled to the step, exclusive)"),
    step: Type.String({ enum: [...steps] }),
    buckets: Type.Array(KpiBucketSchema, { description: "buckets with at least one minute, oldest first" }),
  },
  { title: "KpiSeries", additionalProperties: false },
);

export const KpiLatestSchema = Type.Object(
  {
    minute: Nullable(KpiMinuteSchema),
    lastHour: Nullable(KpiBucketSchema),
    previousHour: Nullable(KpiBucketSchema),
  },
  {
    title: "KpiLatest",
    description: "the newest minute, and the hour ending with it next to the hour before (null when no data)",
    additionalProperties: false,
  },
);

/** Additive kpi_minute columns: summed in a rollup. */
export const additiveKpiColumns = kpiMinuteColumns
  .filter((column) => !column.nullable && column.type !== "timestamp")
  .map((column) => column.name);
