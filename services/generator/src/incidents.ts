/** Incident scenarios: what changes in the shoppers' behaviour while one is active. */
export const incidentTypes = [
  "checkout_outage",
  "payment_failure_spike",
  "traffic_spike",
  "price_glitch",
  "conversion_drop",
] as const;
export type IncidentType = (typeof incidentTypes)[number];

/** An incident, offsets in seconds of EVENT time from the run's start. */
export interface IncidentSpec {
  type: IncidentType;
  startOffsetSec: number;
  durationSec: number;
}

/** Multipliers and overrides the simulation applies at one instant. */
export interface Effects {
  /** Multiplies the session arrival rate. */
  traffic: number;
  /** Multiplies the chance to add to cart and to start a checkout. */
  conversion: number;
  /** When true, checkout cannot be started (sessions abandon instead). */
  checkoutDown: boolean;
  /** Overrides the chance a payment fails; null keeps the normal rate. */
  paymentFailure: number | null;
  /** Multiplies catalog prices. */
  price: number;
}

export const normalEffects: Effects = {
  traffic: 1,
  conversion: 1,
  checkoutDown: false,
  paymentFailure: null,
  price: 1,
};

const impact: Record<IncidentType, Partial<Effects>> = {
  checkout_outage: { checkoutDown: true },
  payment_failure_spike: { paymentFailure: 0.6 },
  traffic_spike: { traffic: 4 },
  price_glitch: { price: 0.1 },
  conversion_drop: { conversion: 0.25 },
};

/** Parses `type@startOffsetSec+durationSec`, e.g. `checkout_outage@300+120`. Null when malformed. */
export function parseIncident(text: string): IncidentSpec | null {
  const m = /^([a-z_]+)@(\d+(?:\.\d+)?)\+(\d+(?:\.\d+)?)$/.exec(text.trim());
  if (!m || !(incidentTypes as readonly string[]).includes(m[1] as string)) return null;
  const durationSec = Number(m[3]);
  if (durationSec <= 0) return null;
  return { type: m[1] as IncidentType, startOffsetSec: Number(m[2]), durationSec };
}

/** The incidents' time spans, as event-time epoch milliseconds. */
export class IncidentSchedule {
  readonly spans: ReadonlyArray<{ type: IncidentType; startMs: number; endMs: number }>;

  constructor(incidents: readonly IncidentSpec[], startMs: number) {
    this.spans = incidents.map((i) => ({
      type: i.type,
      startMs: startMs + i.startOffsetSec * 1000,
      endMs: startMs + (i.startOffsetSec + i.durationSec) * 1000,
    }));
  }

  /** The effects in force at event time `ms` (incidents combine). */
  at(ms: number): Effects {
    let effects = normalEffects;
    for (const span of this.spans) {
      if (ms < span.startMs || ms >= span.endMs) continue;
      const change = impact[span.type];
      effects = {
        traffic: effects.traffic * (change.traffic ?? 1),
        conversion: effects.conversion * (change.conversion ?? 1),
        checkoutDown: effects.checkoutDown || (change.checkoutDown ?? false),
        paymentFailure: change.paymentFailure ?? effects.paymentFailure,
        price: effects.price * (change.price ?? 1),
      };
    }
    return effects;
  }
}
