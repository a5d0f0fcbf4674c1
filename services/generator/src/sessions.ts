import type { Currency, Device, EcomEvent } from "@ecomstream/contracts";
import { type Catalog, countries, deviceWeights, type Product, pages } from "./catalog.js";
import { MinHeap } from "./heap.js";
import type { IncidentSchedule } from "./incidents.js";
import { isoTimestamp } from "./iso-time.js";
import { type EventFields, makeEvent, type SessionFields } from "./make-event.js";
import { Rng } from "./rng.js";

/** One valid event, its event time (epoch ms), and the ordinals of its shopper and session. */
export interface Draft {
  event: EcomEvent;
  timeMs: number;
  /** The n of user_id `u-<n>`. */
  userNo: number;
  /** The session's number in the order the simulation started sessions (one per session_id). */
  sessionNo: number;
}

/** A session's shared fields and ordinals. */
interface Session {
  fields: SessionFields;
  userNo: number;
  sessionNo: number;
}

/**
 * An event waiting for its time: what was drawn for it when its session started. The event itself
 * is made when it is due, so the many waiting ones hold less (and are cheaper to keep).
 */
interface Pending {
  timeMs: number;
  eventId: string;
  /** The zone offset event_ts is written in; undefined for UTC. */
  zone: Offset | undefined;
  session: Session;
  fields: EventFields;
}

/** Average events a session emits under normal conditions (measured; used to size arrivals). */
export const meanEventsPerSession = 4.5;
const userPool = 50_000;
/**
 * Sessions start up to this long (and at most `warmUpSessions` sessions) before the run's start,
 * so the event rate is steady from the first second: a session lasts about 25 s and some over a
 * minute, so a shorter warm-up leaves the first seconds short of the rate (20 s at 5,000/s made
 * 80% of it). The cap covers the whole minute up to about 37,000 events/s.
 */
const warmUpMs = 60_000;
const warmUpSessions = 500_000;
const countryTable = countries.map((c) => [c, c[1]] as const);
const offsets = ["+01:00", "+02:00", "-05:00", "+05:30", "-08:00"] as const;
type Offset = (typeof offsets)[number];

/** `u-000042` for 42; each id is built once and reused (the KPI sets hash it once). */
const userIds = new Array<string | undefined>(userPool + 1);
function userId(n: number): string {
  let id = userIds[n];
  if (id === undefined) {
    id = `u-${String(n).padStart(6, "0")}`;
    userIds[n] = id;
  }
  return id;
}

/** Day-shaped traffic: quiet at night (UTC), busy in the evening; averages 1 over a day. */
export function dayCurve(ms: number): number {
  const hour = (ms / 3_600_000) % 24;
  return 1 + 0.45 * Math.sin(((hour - 13) / 24) * 2 * Math.PI);
}

/** The zone an event_ts is written in: usually UTC, sometimes an offset. */
function drawZone(rng: Rng): Offset | undefined {
  return rng.chance(0.05) ? rng.pick(offsets) : undefined;
}

/** Formats an instant as event_ts in `zone`: UTC `…Z`, or local time with the offset. */
function formatTs(ms: number, zone: Offset | undefined): string {
  if (zone === undefined) return isoTimestamp(ms);
  const minutes = (zone[0] === "-" ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4)));
  return `${new Date(ms + minutes * 60_000).toISOString().slice(0, 23)}${zone}`;
}

/**
 * Simulated shoppers: sessions arrive as a Poisson process (day curve x incidents) and walk the
 * funnel page_view -> product_view -> add_to_cart -> checkout_started -> purchase | payment_failed.
 * `next()` returns their events in event-time order; everything derives from the seed.
 */
export class ShopperSimulation {
  private readonly rng: Rng;
  private readonly heap = new MinHeap<Pending>();
  private nextArrivalMs: number;
  private sessions = 0;
  private readonly sessionsPerMs: number;
  private readonly startMs: number;

  constructor(
    seed: number,
    private readonly catalog: Catalog,
    private readonly incidents: IncidentSchedule,
    startMs: number,
    eventsPerEventSecond: number,
    private readonly flat = false,
  ) {
    this.rng = new Rng(seed);
    this.sessionsPerMs = eventsPerEventSecond / meanEventsPerSession / 1000;
    this.startMs = startMs;
    this.nextArrivalMs = startMs - Math.min(warmUpMs, warmUpSessions / this.sessionsPerMs);
    while (this.nextArrivalMs < startMs) this.arrive();
  }

  private arrive(): void {
    const at = this.nextArrivalMs;
    this.spawnSession(at);
    const rate = this.sessionsPerMs * (this.flat ? 1 : dayCurve(at)) * this.incidents.at(at).traffic;
    this.nextArrivalMs = at + this.rng.exponential(1 / rate);
  }

  next(): Draft {
    while (this.heap.size === 0 || this.nextArrivalMs <= (this.heap.peekKey() as number)) this.arrive();
    const p = this.heap.pop() as Pending;
    const { session } = p;
    return {
      event: makeEvent(p.eventId, formatTs(p.timeMs, p.zone), session.fields, p.fields),
      timeMs: p.timeMs,
      userNo: session.userNo,
      sessionNo: session.sessionNo,
    };
  }

  private spawnSession(startMs: number): void {
    const r = this.rng;
    const [country, , currency] = r.weighted(countryTable);
    const userNo = r.int(1, userPool);
    const session: Session = {
      fields: {
        user_id: userId(userNo),
        session_id: r.uuid(),
        device: r.weighted(deviceWeights) as Device,
        country,
      },
      userNo,
      sessionNo: this.sessions++,
    };
    let t = startMs;
    const emit = (fields: EventFields) => {
      if (t < this.startMs) {
        // A warm-up session's event before the start: advance its clock only.
        t += 200 + r.exponential(6_000);
        return;
      }
      const timeMs = Math.floor(t);
      const eventId = r.uuid();
      this.heap.push(timeMs, { timeMs, eventId, zone: drawZone(r), session, fields });
      t += 200 + r.exponential(6_000);
    };
    emit({ event_type: "page_view", page: r.weighted(pages) });
    while (r.chance(0.35)) emit({ event_type: "page_view", page: r.weighted(pages) });
    this.browse(emit, () => this.incidents.at(t), currency);
  }

  private browse(
    emit: (fields: EventFields) => void,
    effects: () => ReturnType<IncidentSchedule["at"]>,
    currency: Currency,
  ): void {
    const r = this.rng;
    const cart = new Map<string, { product: Product; price: number; quantity: number }>();
    let views = 1;
    while (views < 8 && (views === 1 || r.chance(0.55))) {
      views++;
      const product = this.catalog.pickProduct(r);
      const price = Math.round(product.price * effects().price * 100) / 100;
      const { id: product_id, category } = product;
      emit({ event_type: "product_view", product_id, category, price });
      if (r.chance(0.22 * effects().conversion)) {
        const quantity = r.chance(0.8) ? 1 : r.int(2, 4);
        emit({ event_type: "add_to_cart", product_id, category, price, quantity });
        cart.set(product.id, { product, price, quantity });
        if (r.chance(0.1)) {
          emit({ event_type: "remove_from_cart", product_id, category, price, quantity });
          cart.delete(product.id);
        }
      }
    }
    if (cart.size === 0 || !r.chance(0.6 * effects().conversion)) return;
    if (effects().checkoutDown) {
      emit({ event_type: "page_view", page: "/checkout/unavailable" });
      return;
    }
    const order_id = `o-${r.uuid()}`;
    emit({ event_type: "checkout_started", order_id });
    let total = 0;
    for (const line of cart.values()) total += line.price * line.quantity;
    const order_total = Math.max(Math.round(total * 100) / 100, 0.01);
    const failure = effects().paymentFailure ?? 0.06;
    if (r.chance(failure)) {
      emit({ event_type: "payment_failed", order_id, currency });
      if (!r.chance(0.45)) return;
    }
    emit({ event_type: "purchase", order_id, order_total, currency });
  }
}
