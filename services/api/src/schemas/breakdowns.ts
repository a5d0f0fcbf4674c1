import {
  breakdownDimensions,
  type GoldColumn,
  kpiDimMinuteColumns,
  productHourColumns,
} from "@ecomstream/contracts";
import { type TSchema, Type } from "@sinclair/typebox";
import { DateTime, Nullable, StringEnum, steps } from "./common.js";

/** Measures of a breakdown bucket: kpi_dim_minute's counts and revenue, summed. */
export const breakdownMeasures = kpiDimMinuteColumns
  .filter((c) => c.type !== "timestamp" && c.type !== "string")
  .map((c) => c.name);

/** Measures of a product: product_hour's counts, summed over the range. */
export const productMeasures = productHourColumns
  .filter((c) => c.type !== "timestamp" && c.type !== "string")
  .map((c) => c.name);

export const productOrders = ["views", "add_to_carts"] as const;
export type ProductOrder = (typeof productOrders)[number];

const measureSchema = (column: GoldColumn, description: string): TSchema => {
  const base =
    column.type === "bigint" ? Type.Integer({ minimum: 0, description }) : Type.Number({ description });
  return column.nullable ? Nullable(base) : base;
};

const sessionsNote =
  "sum of the per-minute distinct sessions: an upper bound of the bucket's distinct sessions";

export const BreakdownBucketSchema = Type.Object(
  {
    window_start: DateTime("start of the bucket (inclusive)"),
    window_end: DateTime("end of the bucket (exclusive)"),
    ...Object.fromEntries(
      kpiDimMinuteColumns
        .filter((c) => breakdownMeasures.includes(c.name))
        .map((c) => [
          c.name,
          measureSchema(
            c,
            c.name === "unique_sessions" ? sessionsNote : `sum over the bucket: ${c.definition}`,
          ),
        ]),
    ),
    minutes: Type.Integer({ minimum: 1, description: "minutes of the bucket present for this value" }),
    is_final: Type.Boolean({ description: "true when every minute of the bucket is final" }),
  },
  { title: "BreakdownBucket", additionalProperties: false },
);

export const BreakdownSeriesSchema = Type.Object(
  {
    dimension_value: Type.String({ description: "a country code, device or category" }),
    events: Type.Integer({
      minimum: 0,
      description: "events of this value over the whole range (the order)",
    }),
    buckets: Type.Array(BreakdownBucketSchema, {
      description: "buckets with at least one minute, oldest first",
    }),
  },
  { title: "BreakdownSeries", additionalProperties: false },
);

export const BreakdownSchema = Type.Object(
  {
    from: DateTime("effective start (floored to the step)"),
    to: DateTime("effective end (ceiled to the step, exclusive)"),
    step: Type.String({ enum: [...steps] }),
    dimension: Type.String({ enum: [...breakdownDimensions] }),
    series: Type.Array(BreakdownSeriesSchema, {
      description: "the `limit` values with the most events over the range, most first (ties by value)",
    }),
  },
  { title: "Breakdown", additionalProperties: false },
);

export const BreakdownQuery = Type.Object(
  {
    dimension: StringEnum(breakdownDimensions, "what to break the KPIs down by"),
    from: Type.Optional(DateTime("start (inclusive), floored to the step; default: `to` minus one hour")),
    to: Type.Optional(DateTime("end (exclusive), ceiled to the step; default: now")),
    step: Type.Optional(StringEnum(steps, "bucket width (default 1m)")),
    limit: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 100, default: 10, description: "most values returned" }),
    ),
  },
  { additionalProperties: false },
);

export const ProductSchema = Type.Object(
  {
    product_id: Type.String({ description: "the product" }),
    ...Object.fromEntries(
      productHourColumns
        .filter((c) => productMeasures.includes(c.name))
        .map((c) => [
          c.name,
          measureSchema(
            c,
            c.name === "unique_sessions"
              ? "sum of the per-hour distinct sessions: an upper bound of the range's distinct sessions"
              : `sum over the range: ${c.definition}`,
          ),
        ]),
    ),
  },
  { title: "Product", additionalProperties: false },
);

export const TopProductsSchema = Type.Object(
  {
    from: DateTime("effective start (floored to the hour)"),
    to: DateTime("effective end (ceiled to the hour, exclusive)"),
    by: Type.String({ enum: [...productOrders] }),
    items: Type.Array(ProductSchema, { description: "best first by `by` (ties by product_id)" }),
  },
  { title: "TopProducts", additionalProperties: false },
);

export const TopProductsQuery = Type.Object(
  {
    from: Type.Optional(DateTime("start (inclusive), floored to the hour; default: `to` minus 24 hours")),
    to: Type.Optional(DateTime("end (exclusive), ceiled to the hour; default: now")),
    by: Type.Optional(StringEnum(productOrders, "the order (default views)")),
    limit: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 100, default: 10, description: "most products returned" }),
    ),
  },
  { additionalProperties: false },
);
