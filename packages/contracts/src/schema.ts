import { z } from "zod";
import { type EventType, eventTypes } from "./event-types.js";
import { type FieldSpec, requiredFields } from "./fields.js";
import { parseEventTs, timestampPattern } from "./timestamp.js";
import type { EcomEvent } from "./types.js";

function fieldSchema(spec: FieldSpec, eventType: EventType): z.ZodType {
  const rule = spec.rule;
  const describe = <T extends z.ZodType>(schema: T): T => schema.describe(spec.description);
  switch (rule.kind) {
    case "enum":
      return spec.name === "event_type"
        ? describe(z.literal(eventType))
        : describe(z.enum(rule.values as [string, ...string[]]));
    case "country":
      return describe(z.string().regex(/^[A-Z]{2}$/));
    case "nonEmpty":
      return describe(z.string().min(1));
    case "timestamp":
      return describe(
        z
          .string()
          .regex(new RegExp(timestampPattern))
          .refine((s) => parseEventTs(s) !== null, "not a real calendar instant"),
      );
    case "version":
      return describe(z.literal(rule.equals)).meta({ type: "integer" });
    case "range": {
      let n = spec.type === "integer" ? z.number().int() : z.number();
      n = rule.minExclusive ? n.gt(rule.min) : n.gte(rule.min);
      return describe(rule.max === undefined ? n : n.lte(rule.max));
    }
    case "none":
      return describe(spec.type === "string" ? z.string() : z.number());
  }
}

function eventSchema(eventType: EventType) {
  const shape: Record<string, z.ZodType> = {};
  for (const spec of requiredFields(eventType)) shape[spec.name] = fieldSchema(spec, eventType);
  return z.looseObject(shape).meta({ title: eventType });
}

/**
 * A valid events-v1 event as a zod schema, derived from the field table. It checks everything but
 * the one rule that needs the record's ingest time (future_timestamp): use `validateRecord` for that.
 */
export const ecomEventSchema = z.discriminatedUnion(
  "event_type",
  eventTypes.map(eventSchema) as unknown as [
    ReturnType<typeof eventSchema>,
    ...ReturnType<typeof eventSchema>[],
  ],
) as unknown as z.ZodType<EcomEvent>;
