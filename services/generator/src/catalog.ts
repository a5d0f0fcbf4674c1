import type { Currency, Device } from "@ecomstream/contracts";
import { deriveSeed, Rng } from "./rng.js";

export interface Product {
  id: string;
  category: string;
  price: number;
}

/** Categories with a typical price (USD-ish) and their share of views. */
const categories: ReadonlyArray<readonly [string, number, number]> = [
  ["apparel", 45, 0.22],
  ["shoes", 90, 0.14],
  ["electronics", 320, 0.16],
  ["home", 70, 0.12],
  ["beauty", 30, 0.1],
  ["books", 18, 0.09],
  ["toys", 35, 0.08],
  ["sports", 60, 0.09],
];

export const pages: ReadonlyArray<readonly [string, number]> = [
  ["/", 0.35],
  ["/search", 0.2],
  ["/deals", 0.12],
  ["/category", 0.2],
  ["/account", 0.05],
  ["/help", 0.03],
  ["/blog", 0.05],
];

export const deviceWeights: ReadonlyArray<readonly [Device, number]> = [
  ["mobile", 0.58],
  ["desktop", 0.34],
  ["tablet", 0.08],
];

/** Country, share of traffic, and the currency its shoppers pay in. */
export const countries: ReadonlyArray<readonly [string, number, Currency]> = [
  ["US", 0.38, "USD"],
  ["GB", 0.12, "GBP"],
  ["DE", 0.11, "EUR"],
  ["FR", 0.08, "EUR"],
  ["NL", 0.05, "EUR"],
  ["ES", 0.05, "EUR"],
  ["IT", 0.05, "EUR"],
  ["CA", 0.06, "USD"],
  ["AU", 0.04, "USD"],
  ["IE", 0.02, "EUR"],
  ["SE", 0.02, "EUR"],
  ["PL", 0.02, "EUR"],
];

export interface Catalog {
  products: readonly Product[];
  /** Products weighted by popularity (Zipf-like), for picking what a shopper looks at. */
  pickProduct(rng: Rng): Product;
}

/** A deterministic catalog of `size` products derived from the seed. */
export function buildCatalog(seed: number, size = 400): Catalog {
  const rng = new Rng(deriveSeed(seed, "catalog"));
  const products: Product[] = [];
  for (let i = 0; i < size; i++) {
    const [category, typical] = rng.weighted(categories.map(([c, t, w]) => [[c, t] as const, w] as const));
    const price = Math.round(typical * Math.exp((rng.next() - 0.5) * 1.4) * 100) / 100;
    products.push({ id: `p-${String(i + 1).padStart(4, "0")}`, category, price: Math.max(price, 0.99) });
  }
  // Zipf(1.1)-like popularity: cumulative weights for a binary search.
  const cumulative: number[] = [];
  let total = 0;
  for (let i = 0; i < size; i++) {
    total += 1 / (i + 1) ** 1.1;
    cumulative.push(total);
  }
  return {
    products,
    pickProduct(r: Rng): Product {
      const target = r.next() * total;
      let lo = 0;
      let hi = size - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((cumulative[mid] as number) < target) lo = mid + 1;
        else hi = mid;
      }
      return products[lo] as Product;
    },
  };
}
