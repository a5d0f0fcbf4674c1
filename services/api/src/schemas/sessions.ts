import { funnelSteps } from "@ecomstream/contracts";
import { Type } from "@sinclair/typebox";
import { DateTime, Nullable, StringEnum } from "./common.js";

export const provisionalNote =
  "a provisional session (is_final=false: the session gap ECOM_SESSION_GAP has not passed since its " +
  "last event) may still grow: more events, a longer duration, later funnel steps, more revenue";

export const SessionRangeQuery = Type.Object(
  {
    from: Type.Optional(
      DateTime(
        "sessions started at or after this instant, floored to the minute; default: `to` minus 24 hours",
      ),
    ),
    to: Type.Optional(DateTime("sessions started before this instant, ceiled to the minute; default: now")),
  },
  { additionalProperties: false },
);

const count = (description: string) => Type.Integer({ minimum: 0, description });
const ratio = (description: string) => Nullable(Type.Number({ minimum: 0, maximum: 1, description }));

export const SessionSummarySchema = Type.Object(
  {
    from: DateTime("effective start (floored to the minute)"),
    to: DateTime("effective end (ceiled to the minute, exclusive)"),
    sessions: count("sessions that started in [from, to)"),
    provisional_sessions: count(`of them, the provisional ones; ${provisionalNote}`),
    bounced_sessions: count("of them, sessions of a single event"),
    bounce_rate: ratio("bounced_sessions / sessions; null without sessions"),
    purchased_sessions: count("of them, sessions with a purchase"),
    conversion_rate: ratio("purchased_sessions / sessions; null without sessions"),
    median_duration_seconds: Nullable(
      Type.Number({
        minimum: 0,
        description: "median of duration_seconds (interpolated, percentile_cont 0.5); null without sessions",
      }),
    ),
    p90_duration_seconds: Nullable(
      Type.Number({
        minimum: 0,
        description:
          "90th percentile of duration_seconds (interpolated, percentile_cont 0.9); null without sessions",
      }),
    ),
    revenue_usd: Type.Number({ description: "sum of the sessions' purchase revenue in USD" }),
  },
  { title: "SessionSummary", additionalProperties: false },
);

export const FunnelStepSchema = Type.Object(
  {
    step: StringEnum(funnelSteps, "the step"),
    sessions: count(
      "sessions that reached this step and every earlier one (never more than the step before)",
    ),
    rate: ratio(
      "sessions / the previous step's sessions; on the first step 1 (null when it has no session); " +
        "null when the previous step has no session",
    ),
  },
  { title: "FunnelStep", additionalProperties: false },
);

export const FunnelSchema = Type.Object(
  {
    from: DateTime("effective start (floored to the minute)"),
    to: DateTime("effective end (ceiled to the minute, exclusive)"),
    sessions: count("every session that started in [from, to), whatever steps it reached"),
    provisional_sessions: count(`of them, the provisional ones; ${provisionalNote}`),
    steps: Type.Array(FunnelStepSchema, { description: `the steps in order: ${funnelSteps.join(" -> ")}` }),
  },
  { title: "Funnel", additionalProperties: false },
);
