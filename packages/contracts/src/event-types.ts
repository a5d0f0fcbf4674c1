/** The closed sets of events v1 (../../shared/spec/events-v1.md), in the spec's order. */
export const eventTypes = [
  "page_view",
  "product_view",
  "add_to_cart",
  "remove_from_cart",
  "checkout_started",
  "purchase",
  "payment_failed",
] as const;
export type EventType = (typeof eventTypes)[number];

export const devices = ["desktop", "mobile", "tablet"] as const;
export type Device = (typeof devices)[number];

export const currencies = ["USD", "EUR", "GBP"] as const;
export type Currency = (typeof currencies)[number];

/** Quarantine reasons; a record gets the FIRST that applies, in this order. */
export const reasonCodes = [
  "invalid_json",
  "missing_field",
  "invalid_type",
  "invalid_enum",
  "invalid_value",
  "invalid_timestamp",
  "future_timestamp",
  "unsupported_schema_version",
] as const;
export type ReasonCode = (typeof reasonCodes)[number];

/** The only schema_version this contract accepts. */
export const schemaVersion = 1;

/** event_ts may be at most this far after the record's ingest time (Kafka timestamp). */
export const maxFutureSkewMs = 5 * 60 * 1000;

export function isEventType(value: unknown): value is EventType {
  return typeof value === "string" && (eventTypes as readonly string[]).includes(value);
}
