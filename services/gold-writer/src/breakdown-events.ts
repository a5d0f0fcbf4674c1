import type { EcomEvent } from "@ecomstream/contracts";

/** Test helpers: valid events spread over countries, devices, categories and products. */

const types = [
  "page_view",
  "product_view",
  "add_to_cart",
  "remove_from_cart",
  "checkout_started",
  "purchase",
  "payment_failed",
  "product_view",
] as const;
const countries = ["NL", "DE", "US"] as const;
const devices = ["desktop", "mobile", "tablet"] as const;
const categories = ["shoes", "books"] as const;
const currencies = ["USD", "EUR", "GBP"] as const;

/**
 * `count` valid events from `startMs`, `stepMs` apart, of every type, over 3 countries, 3 devices,
 * 2 categories and 5 products; ids prefixed by `tag`. Page views carry a stray `category` (not a
 * field of theirs: silver drops it, so breakdowns never see it).
 */
export function makeBreakdownEvents(
  tag: string,
  startMs: number,
  count: number,
  stepMs: number,
): EcomEvent[] {
  return Array.from({ length: count }, (_, i): EcomEvent => {
    const type = types[i % types.length]!;
    const common = {
      event_id: `${tag}-${i}`,
      event_ts: new Date(startMs + i * stepMs).toISOString(),
      schema_version: 1 as const,
      user_id: `u${i % 11}`,
      session_id: `${tag}-s${i % 9}`,
      device: devices[i % 3]!,
      country: countries[(i >> 1) % 3]!,
    };
    const product = { product_id: `p${i % 5}`, category: categories[(i >> 2) % 2]!, price: 4.25 };
    switch (type) {
      case "page_view":
        return { ...common, event_type: type, page: "/", category: "stray" } as EcomEvent;
      case "product_view":
        return { ...common, event_type: type, ...product };
      case "add_to_cart":
        return { ...common, event_type: type, ...product, quantity: 2 };
      case "remove_from_cart":
        return { ...common, event_type: type, ...product, quantity: 1 };
      case "checkout_started":
        return { ...common, event_type: type, order_id: `o${i}` };
      case "purchase":
        return {
          ...common,
          event_type: type,
          order_id: `o${i}`,
          order_total: 7.3 + i,
          currency: currencies[i % 3]!,
        };
      default:
        return { ...common, event_type: "payment_failed", order_id: `o${i}`, currency: "GBP" };
    }
  });
}
