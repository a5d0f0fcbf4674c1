import type { KpiPoint, KpiValues } from "./types.js";

export const t0 = Date.parse("2024-05-01T12:00:00Z");
export const minute = (i: number) => t0 + i * 60_000;

/** A small deterministic PRNG (mulberry32) for synthetic series. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A Poisson draw (Knuth for small means, normal approximation above 30). */
export function poisson(mean: number, random: () => number): number {
  if (mean > 30) {
    const u = Math.max(random(), 1e-12);
    const v = random();
    const gauss = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    return Math.max(0, Math.round(mean + Math.sqrt(mean) * gauss));
  }
  const limit = Math.exp(-mean);
  let k = 0;
  let p = random();
  while (p > limit) {
    k++;
    p *= random();
  }
  return k;
}

export interface MinuteShape {
  sessions: number;
  /** Share of sessions that purchase. */
  conversion: number;
  paymentFailure: number;
  aov: number;
}

export const normalShape: MinuteShape = { sessions: 150, conversion: 0.13, paymentFailure: 0.06, aov: 150 };

/** One synthetic minute of KPIs with Poisson noise around `shape`. */
export function kpiValues(shape: MinuteShape, random: () => number): KpiValues {
  const sessions = poisson(shape.sessions, random);
  const attempts = poisson(sessions * shape.conversion, random);
  let failures = 0;
  for (let i = 0; i < attempts; i++) if (random() < shape.paymentFailure) failures++;
  const purchases = attempts - failures;
  const aov = purchases > 0 ? shape.aov * (0.8 + 0.4 * random()) : null;
  const revenue = aov === null ? 0 : aov * purchases;
  const events = poisson(sessions * 4.5, random);
  return {
    events,
    page_views: Math.round(events * 0.4),
    product_views: Math.round(events * 0.4),
    add_to_carts: Math.round(sessions * 0.3),
    remove_from_carts: Math.round(sessions * 0.03),
    checkouts: attempts,
    purchases,
    payment_failures: failures,
    unique_users: sessions,
    unique_sessions: sessions,
    revenue_usd: revenue,
    aov_usd: aov,
    conversion_rate: sessions > 0 ? purchases / sessions : null,
    payment_failure_rate: attempts > 0 ? failures / attempts : null,
  };
}

/** Minutes [from, to) of a series whose shape may change per minute (incidents). */
export function series(
  from: number,
  to: number,
  shapeAt: (i: number) => MinuteShape = () => normalShape,
  seed = 1,
): KpiPoint[] {
  const random = prng(seed);
  const out: KpiPoint[] = [];
  for (let i = from; i < to; i++)
    out.push({ minuteMs: minute(i), isFinal: true, values: kpiValues(shapeAt(i), random) });
  return out;
}
