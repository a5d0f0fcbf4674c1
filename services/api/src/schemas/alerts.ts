import { Type } from "@sinclair/typebox";
import { DateTime, Nullable, StringEnum } from "./common.js";

export const alertStatuses = ["open", "acknowledged", "resolved"] as const;
export const alertSeverities = ["info", "warning", "critical"] as const;
export const alertKinds = ["business", "data_quality"] as const;
export type AlertStatus = (typeof alertStatuses)[number];

export const AlertSchema = Type.Object(
  {
    id: Type.Integer({ minimum: 1 }),
    metric: Type.String(),
    window_start: DateTime("the minute the anomaly was observed in"),
    observed: Nullable(Type.Number()),
    expected: Nullable(Type.Number()),
    score: Nullable(Type.Number()),
    severity: StringEnum(alertSeverities),
    status: StringEnum(alertStatuses),
    method: Type.String({ description: "detector method that raised it" }),
    kind: StringEnum(alertKinds),
    message: Type.String(),
    last_seen_at: DateTime("when the detector last saw the anomaly"),
    created_at: DateTime("when the alert was raised"),
    updated_at: DateTime("when the alert last changed"),
  },
  { title: "Alert", additionalProperties: false },
);

export const AlertPageSchema = Type.Object(
  {
    items: Type.Array(AlertSchema, { description: "newest window_start first, then highest id" }),
    nextCursor: Nullable(Type.String({ description: "pass as `cursor` for the next page" })),
  },
  { title: "AlertPage", additionalProperties: false },
);

export const AlertQuery = Type.Object(
  {
    status: Type.Optional(StringEnum(alertStatuses)),
    severity: Type.Optional(StringEnum(alertSeverities)),
    metric: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    from: Type.Optional(DateTime("window_start at or after")),
    to: Type.Optional(DateTime("window_start before")),
    cursor: Type.Optional(
      Type.String({ minLength: 1, maxLength: 200, description: "opaque, from nextCursor" }),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
  },
  { additionalProperties: false },
);

/**
 * The id as digits (a string pattern, not a coerced integer: coercion would take `0x10`, ` 5` or
 * `Infinity` for numbers); the handler reads it with `alertId`.
 */
export const AlertIdParams = Type.Object(
  {
    id: Type.String({
      pattern: "^[1-9][0-9]{0,15}$",
      description: "alert id: a positive integer, at most 16 digits",
      examples: ["42"],
    }),
  },
  { additionalProperties: false },
);

export const ApiKeyHeaders = Type.Object({
  "x-api-key": Type.Optional(Type.String({ description: "the API key (ECOM_API_KEY)" })),
});
