import { Type } from "@sinclair/typebox";
import { AlertSchema } from "./alerts.js";
import { DateTime } from "./common.js";
import { KpiMinuteSchema } from "./kpis.js";

/**
 * One Server-Sent Event as `{ event, data }`: on the wire `event: <event>` and `data: <data as
 * JSON>`. OpenAPI 3.1 has no item schema for event streams, so the stream's schema describes one
 * message; the contract tests validate every message they receive against it.
 */
export const StreamEventSchema = Type.Union(
  [
    Type.Object(
      {
        event: Type.Literal("ready"),
        data: Type.Object(
          { at: DateTime("when the stream started listening") },
          { additionalProperties: false },
        ),
      },
      { additionalProperties: false, description: "first message: changes from now on are sent" },
    ),
    Type.Object(
      { event: Type.Literal("kpi"), data: KpiMinuteSchema },
      { additionalProperties: false, description: "a kpi_minute row was added or changed" },
    ),
    Type.Object(
      { event: Type.Literal("alert"), data: AlertSchema },
      { additionalProperties: false, description: "an alert was raised or changed" },
    ),
  ],
  { title: "StreamEvent" },
);
