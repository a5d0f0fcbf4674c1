import { type TSchema, Type } from "@sinclair/typebox";
import { AlertSchema } from "./alerts.js";
import { DateTime } from "./common.js";
import { KpiMinuteSchema } from "./kpis.js";

/** An event's `data` as sent: text holding one JSON value that `schema` describes. */
const JsonText = (schema: TSchema, description: string) =>
  Type.String({ contentMediaType: "application/json", contentSchema: schema, description });

/**
 * One Server-Sent Event as a client's parser yields it: `{ event, data }`, from the lines
 * `event: <event>` and `data: <text>`. `data` is a string whose JSON content `contentSchema`
 * describes (JSON Schema 2020-12). OpenAPI 3.1 has no item schema for event streams, so the
 * stream's schema describes one message.
 */
export const StreamEventSchema = Type.Union(
  [
    Type.Object(
      {
        event: Type.Literal("ready"),
        data: JsonText(
          Type.Object({ at: DateTime("when the stream started listening") }, { additionalProperties: false }),
          "JSON: when the stream started",
        ),
      },
      { additionalProperties: false, description: "first message: changes from now on are sent" },
    ),
    Type.Object(
      { event: Type.Literal("kpi"), data: JsonText(KpiMinuteSchema, "JSON: the kpi_minute row") },
      { additionalProperties: false, description: "a kpi_minute row was added or changed" },
    ),
    Type.Object(
      { event: Type.Literal("alert"), data: JsonText(AlertSchema, "JSON: the alert") },
      { additionalProperties: false, description: "an alert was raised or changed" },
    ),
  ],
  { title: "StreamEvent" },
);
