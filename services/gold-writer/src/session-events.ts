import type { EcomEvent } from "@ecomstream/contracts";

/** Test helpers: one session_id's events at given times, each of a given type. */

export type SessionStep = "page_view" | "product_view" | "add_to_cart" | "checkout_started" | "purchase";

/** A valid event of `sessionId` at `ms` (epoch ms); ids from `tag`. */
export function sessionEvent(tag: string, sessionId: string, ms: number, type: SessionStep): EcomEvent {
  const common = {
    event_id: `${tag}-${sessionId}-${ms}`,
    event_ts: new Date(ms).toISOString(),
    schema_version: 1 as const,
    user_id: `u-${sessionId}`,
    session_id: sessionId,
    device: Math.floor(ms / 60_000) % 2 === 0 ? ("mobile" as const) : ("desktop" as const),
    country: Math.floor(ms / 60_000) % 3 === 0 ? "DE" : "NL",
  };
  const product = { product_id: "p1", category: "shoes", price: 4.5 };
  switch (type) {
    case "page_view":
      return { ...common, event_type: type, page: "/" };
    case "product_view":
      return { ...common, event_type: type, ...product };
    case "add_to_cart":
      return { ...common, event_type: type, ...product, quantity: 1 };
    case "checkout_started":
      return { ...common, event_type: type, order_id: `o-${sessionId}-${ms}` };
    default:
      return {
        ...common,
        event_type: "purchase",
        order_id: `o-${sessionId}-${ms}`,
        order_total: 12.5,
        currency: "EUR",
      };
  }
}

/** `sessionId`'s events at `times`, the types in funnel order (page view, view, cart, checkout, purchase). */
export function sessionEvents(
  tag: string,
  sessionId: string,
  times: readonly number[],
  types: readonly SessionStep[] = [
    "page_view",
    "product_view",
    "add_to_cart",
    "checkout_started",
    "purchase",
  ],
): EcomEvent[] {
  return times.map((ms, i) => sessionEvent(tag, sessionId, ms, types[i % types.length]!));
}
