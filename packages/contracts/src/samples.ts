import type { EventType } from "./event-types.js";
import type { EcomEvent, EventOf } from "./types.js";

/** The ingest time samples are measured against: 2024-03-10T12:00:00Z. */
export const sampleIngestTime = new Date("2024-03-10T12:00:00.000Z");

const common = {
  event_id: "4f1c2b9e-8a7d-4c3e-9b2a-1d0e5f6a7b8c",
  event_ts: "2024-03-10T11:59:30.250Z",
  schema_version: 1,
  user_id: "u-0001",
  session_id: "s-0001",
  device: "mobile",
  country: "DE",
} as const;

const catalog = { product_id: "p-042", category: "shoes", price: 59.9 };

/** One valid event of each type (valid at `sampleIngestTime`), with only its required fields. */
export const sampleEvents: { [T in EventType]: EventOf<T> } = {
  page_view: { ...common, event_type: "page_view", page: "/home" },
  product_view: { ...common, event_type: "product_view", ...catalog },
  add_to_cart: { ...common, event_type: "add_to_cart", ...catalog, quantity: 2 },
  remove_from_cart: { ...common, event_type: "remove_from_cart", ...catalog, quantity: 1 },
  checkout_started: { ...common, event_type: "checkout_started", order_id: "o-77" },
  purchase: { ...common, event_type: "purchase", order_id: "o-77", order_total: 119.8, currency: "EUR" },
  payment_failed: { ...common, event_type: "payment_failed", order_id: "o-78", currency: "GBP" },
};

/** A sample event with some fields replaced (`undefined` removes the field). */
export function sampleWith(type: EventType, changes: Record<string, unknown>): Record<string, unknown> {
  const event: Record<string, unknown> = { ...(sampleEvents[type] as EcomEvent) };
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) delete event[key];
    else event[key] = value;
  }
  return event;
}
