import type { ProductOrder, TopProduct, TopProducts } from "../api/types.js";

const measureOf = (by: ProductOrder) => (p: TopProduct) => (by === "views" ? p.views : p.add_to_carts);

/**
 * Each product's hourly values over `hours`: an hour where it is outside that hour's top
 * `perHourLimit` (or that hour is not loaded yet) is a gap, not a zero.
 */
export function hourlyValues(
  hours: Array<TopProducts | undefined>,
  by: ProductOrder,
  perHourLimit: number,
): Map<string, Array<number | null>> {
  const pick = measureOf(by);
  const perHour = hours.map((h) => (h ? new Map(h.items.map((p) => [p.product_id, pick(p)])) : undefined));
  const ids = new Set(perHour.flatMap((m) => (m ? [...m.keys()] : [])));
  return new Map(
    [...ids].map((id) => [
      id,
      perHour.map((m, i) => {
        if (!m) return null;
        const known = m.get(id);
        if (known !== undefined) return known;
        // an hour that lists fewer products than it could has them all: missing means none
        return (hours[i]?.items.length ?? 0) < perHourLimit ? 0 : null;
      }),
    ]),
  );
}
