import { createHash } from "node:crypto";
import { type EventType, eventTypes, fxRatesUsd, type ReasonCode } from "@ecomstream/contracts";
import type { GeneratedRecord, RecordKind } from "./records.js";

/** The first 32 hex digits of the value's SHA-256, as the manifest lists invalid records. */
export const valueDigest = (value: string) => createHash("sha256").update(value).digest("hex").slice(0, 32);

export const recordKinds: readonly RecordKind[] = ["valid", "late", "invalid", "duplicate"];
const kindIndex = Object.fromEntries(recordKinds.map((k, i) => [k, i])) as Record<RecordKind, number>;
const typeIndex = Object.fromEntries(eventTypes.map((t, i) => [t, i])) as Record<EventType, number>;

/** An invalid record as the manifest lists it. */
export interface InvalidRecordFact {
  key: string;
  timestampMs: number;
  /** The record value's digest (see valueDigest). */
  sha256: string;
  reason: ReasonCode;
  field: string | null;
}

/**
 * What the manifest needs to know of a batch's records, in typed arrays (record i at index i), so
 * the records themselves can go as soon as they are packed: the manifest counts a batch only once
 * the broker acknowledged it.
 */
export class BatchFacts {
  size = 0;
  /** Index into recordKinds. */
  readonly kinds: Uint8Array;
  /** Index into the contract's eventTypes. */
  readonly types: Uint8Array;
  readonly eventTimes: Float64Array;
  readonly timestamps: Float64Array;
  /** Valid and late records: the shopper and session ordinals (see Draft). */
  readonly users: Uint32Array;
  readonly sessions: Uint32Array;
  /** Valid and late purchases: order_total x the USD rate of its currency (0 otherwise). */
  readonly revenueUsd: Float64Array;
  readonly invalid: InvalidRecordFact[] = [];

  constructor(capacity: number) {
    this.kinds = new Uint8Array(capacity);
    this.types = new Uint8Array(capacity);
    this.eventTimes = new Float64Array(capacity);
    this.timestamps = new Float64Array(capacity);
    this.users = new Uint32Array(capacity);
    this.sessions = new Uint32Array(capacity);
    this.revenueUsd = new Float64Array(capacity);
  }

  /** Records one more record; at most `capacity` of them. */
  add(r: GeneratedRecord): void {
    const i = this.size++;
    if (i >= this.kinds.length) throw new RangeError(`a batch holds at most ${this.kinds.length} records`);
    this.kinds[i] = kindIndex[r.kind];
    this.types[i] = typeIndex[r.eventType];
    this.eventTimes[i] = r.eventTimeMs;
    this.timestamps[i] = r.timestampMs;
    const event = r.event;
    if (event && (r.kind === "valid" || r.kind === "late")) {
      if (r.userNo === undefined || r.sessionNo === undefined)
        throw new TypeError(`a ${r.kind} record needs userNo and sessionNo (RecordGenerator sets them)`);
      this.users[i] = r.userNo;
      this.sessions[i] = r.sessionNo;
      this.revenueUsd[i] =
        event.event_type === "purchase" ? event.order_total * fxRatesUsd[event.currency] : 0;
    } else if (r.kind === "invalid")
      this.invalid.push({
        key: r.key,
        timestampMs: r.timestampMs,
        sha256: valueDigest(r.value),
        reason: r.reason as ReasonCode,
        field: r.field ?? null,
      });
  }
}
