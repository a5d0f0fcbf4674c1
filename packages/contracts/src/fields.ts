import { currencies, devices, type EventType, eventTypes } from "./event-types.js";

/**
 * The field table of events v1, in the spec's order. Everything else (validator, zod and JSON
 * Schema, Spark reason SQL, typed projections) is derived from this table.
 *
 * Decisions the spec leaves open, made here once:
 * - `integer` means a JSON number with no fractional part (JSON Schema semantics): 2, 2.0 and 1e2
 *   are integers, 2.5 is `invalid_type`. Numbers too large for a double are integers.
 * - schema_version "1" (a string) is `invalid_type`; 2 or 1.5? 2 is `unsupported_schema_version`,
 *   1.5 is `invalid_type` (not an integer).
 * - event_id only has to be a string (the spec gives no non-empty rule; "UUID" is descriptive).
 * - country is an enum-like rule: anything but two ASCII upper-case letters, "" included, is
 *   `invalid_enum`.
 * - event_ts "" is `invalid_timestamp` (its rule is "parseable", not "non-empty").
 */
export type JsonType = "string" | "number" | "integer";

export type FieldRule =
  | { kind: "none" }
  | { kind: "nonEmpty" }
  | { kind: "enum"; values: readonly string[] }
  | { kind: "country" }
  | { kind: "timestamp" }
  | { kind: "range"; min: number; minExclusive: boolean; max?: number }
  | { kind: "version"; equals: number };

export interface FieldSpec {
  readonly name: string;
  readonly type: JsonType;
  /** "all", or the event types that require (and so validate) the field. */
  readonly requiredFor: "all" | readonly EventType[];
  readonly rule: FieldRule;
  readonly description: string;
}

const catalogTypes = ["product_view", "add_to_cart", "remove_from_cart"] as const;
const orderTypes = ["checkout_started", "purchase", "payment_failed"] as const;

export const fieldTable = [
  {
    name: "event_id",
    type: "string",
    requiredFor: "all",
    rule: { kind: "none" },
    description: "UUID; records with the same event_id count once",
  },
  {
    name: "event_type",
    type: "string",
    requiredFor: "all",
    rule: { kind: "enum", values: eventTypes },
    description: "what happened",
  },
  {
    name: "event_ts",
    type: "string",
    requiredFor: "all",
    rule: { kind: "timestamp" },
    description: "event time, ISO-8601 with offset, at most 5 minutes after ingest time",
  },
  {
    name: "schema_version",
    type: "integer",
    requiredFor: "all",
    rule: { kind: "version", equals: 1 },
    description: "must be 1",
  },
  { name: "user_id", type: "string", requiredFor: "all", rule: { kind: "nonEmpty" }, description: "shopper" },
  {
    name: "session_id",
    type: "string",
    requiredFor: "all",
    rule: { kind: "nonEmpty" },
    description: "visit; the Kafka key",
  },
  {
    name: "device",
    type: "string",
    requiredFor: "all",
    rule: { kind: "enum", values: devices },
    description: "desktop, mobile or tablet",
  },
  {
    name: "country",
    type: "string",
    requiredFor: "all",
    rule: { kind: "country" },
    description: "two upper-case letters",
  },
  {
    name: "page",
    type: "string",
    requiredFor: ["page_view"],
    rule: { kind: "nonEmpty" },
    description: "page path",
  },
  {
    name: "product_id",
    type: "string",
    requiredFor: catalogTypes,
    rule: { kind: "nonEmpty" },
    description: "catalog product",
  },
  {
    name: "category",
    type: "string",
    requiredFor: catalogTypes,
    rule: { kind: "nonEmpty" },
    description: "catalog category",
  },
  {
    name: "price",
    type: "number",
    requiredFor: catalogTypes,
    rule: { kind: "range", min: 0, minExclusive: false },
    description: "unit price, >= 0",
  },
  {
    name: "quantity",
    type: "integer",
    requiredFor: ["add_to_cart", "remove_from_cart"],
    rule: { kind: "range", min: 1, minExclusive: false, max: 1000 },
    description: "1..1000",
  },
  {
    name: "order_id",
    type: "string",
    requiredFor: orderTypes,
    rule: { kind: "nonEmpty" },
    description: "order",
  },
  {
    name: "order_total",
    type: "number",
    requiredFor: ["purchase"],
    rule: { kind: "range", min: 0, minExclusive: true },
    description: "order total in its currency, > 0",
  },
  {
    name: "currency",
    type: "string",
    requiredFor: ["purchase", "payment_failed"],
    rule: { kind: "enum", values: currencies },
    description: "USD, EUR or GBP",
  },
] as const satisfies readonly FieldSpec[];

export type FieldName = (typeof fieldTable)[number]["name"];
export const fieldNames: readonly FieldName[] = fieldTable.map((f) => f.name);

/** Does `eventType` (a valid one) require `field`? */
export function isRequired(field: FieldSpec, eventType: EventType): boolean {
  return field.requiredFor === "all" || field.requiredFor.includes(eventType);
}

/** The fields required for one event type, in table order. */
export function requiredFields(eventType: EventType): readonly FieldSpec[] {
  return fieldTable.filter((f: FieldSpec) => isRequired(f, eventType));
}

/** The fields required for every event type, in table order. */
export const commonFields: readonly FieldSpec[] = fieldTable.filter(
  (f: FieldSpec) => f.requiredFor === "all",
);

export function fieldSpec(name: FieldName): FieldSpec {
  const spec = fieldTable.find((f) => f.name === name);
  if (!spec) throw new Error(`unknown field ${name}`);
  return spec;
}
