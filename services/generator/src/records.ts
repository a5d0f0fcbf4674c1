import {
  type EcomEvent,
  type EventType,
  formatEventTs,
  type ReasonCode,
  reasonCodes,
} from "@ecomstream/contracts";
import { buildCatalog } from "./catalog.js";
import { eventJson } from "./event-json.js";
import { corrupt } from "./faults.js";
import { IncidentSchedule } from "./incidents.js";
import type { GeneratorOptions } from "./options.js";
import { deriveSeed, Rng } from "./rng.js";
import { ShopperSimulation } from "./sessions.js";

export type RecordKind = "valid" | "late" | "invalid" | "duplicate";

/** One Kafka record to produce, with the ground truth about it. */
export interface GeneratedRecord {
  /** Session id: the Kafka key. */
  key: string;
  /** The record value (JSON text, or deliberately broken text). */
  value: string;
  /** The Kafka record timestamp (CreateTime) = the ingest time the contract measures against. */
  timestampMs: number;
  kind: RecordKind;
  /** Type and event time (epoch ms) of the event the record came from. */
  eventType: EventType;
  eventTimeMs: number;
  /** For valid and late records: the event as the contract's validator returns it. */
  event?: EcomEvent;
  /** For invalid records: the verdict the contract gives. */
  reason?: ReasonCode;
  field?: string | null;
  /**
   * For valid, late and duplicate records: the event whose JSON text the value is, so the
   * producer can write the bytes without making the string (see writeEventJson).
   */
  source?: EcomEvent;
  /** For valid and late records: the ordinals of the shopper and the session (see Draft). */
  userNo?: number;
  sessionNo?: number;
}

/** A record whose value is an event's JSON text, made only when read. */
class EventRecord implements GeneratedRecord {
  private text: string | undefined = undefined;
  constructor(
    readonly key: string,
    readonly timestampMs: number,
    readonly kind: RecordKind,
    readonly eventType: EventType,
    readonly eventTimeMs: number,
    readonly event: EcomEvent | undefined,
    readonly source: EcomEvent,
    readonly userNo: number | undefined,
    readonly sessionNo: number | undefined,
  ) {}

  get value(): string {
    this.text ??= eventJson(this.source);
    return this.text;
  }
}

/** Event-time events per second: the wall rate times the speed-up (nominal 1000/s for `max`). */
export function eventTimeRate(options: Pick<GeneratorOptions, "rate" | "speed">): number {
  return (options.rate === "max" ? 1000 : options.rate) * options.speed;
}

/**
 * The pure record stream: same options, same seed and same start give the same records, byte for
 * byte, whatever the broker or the clock do. Call `next()` for each record.
 */
export class RecordGenerator {
  readonly incidents: IncidentSchedule;
  private readonly sim: ShopperSimulation;
  private readonly rng: Rng;
  private readonly pending: Array<{ due: number; record: GeneratedRecord }> = [];
  private seq = 0;
  private readonly faultTable: Array<readonly [ReasonCode | "late", number]>;

  constructor(
    private readonly options: GeneratorOptions,
    readonly startMs: number,
  ) {
    this.incidents = new IncidentSchedule(options.incidents, startMs);
    const catalog = buildCatalog(options.seed);
    this.sim = new ShopperSimulation(
      deriveSeed(options.seed, "shoppers"),
      catalog,
      this.incidents,
      startMs,
      eventTimeRate(options),
      options.flat,
    );
    this.rng = new Rng(deriveSeed(options.seed, "faults"));
    this.faultTable = [
      ...reasonCodes.map((r) => [r, options.invalid[r]] as const),
      ["late", options.lateRatio],
    ];
  }

  next(): GeneratedRecord {
    this.seq++;
    const due = this.pending[0];
    if (due && due.due <= this.seq) {
      this.pending.shift();
      return due.record;
    }
    const { event, timeMs, userNo, sessionNo } = this.sim.next();
    const r = this.rng;
    const ingestMs = timeMs + r.int(0, 250);
    let u = r.next();
    let fault: ReasonCode | "late" | undefined;
    for (const [kind, share] of this.faultTable) {
      if (u < share) {
        fault = kind;
        break;
      }
      u -= share;
    }
    if (fault !== undefined && fault !== "late") {
      const c = corrupt(event, fault, ingestMs, r);
      return {
        key: event.session_id,
        value: c.value,
        timestampMs: ingestMs,
        kind: "invalid",
        eventType: event.event_type,
        eventTimeMs: timeMs,
        reason: c.reason,
        field: c.field,
      };
    }
    let record: EventRecord;
    if (fault === "late") {
      const eventTimeMs = timeMs - r.int(this.options.lateMinSec * 1000, this.options.lateMaxSec * 1000);
      const late = { ...event, event_ts: formatEventTs(eventTimeMs) } as EcomEvent;
      record = new EventRecord(
        event.session_id,
        ingestMs,
        "late",
        event.event_type,
        eventTimeMs,
        late,
        late,
        userNo,
        sessionNo,
      );
    } else {
      record = new EventRecord(
        event.session_id,
        ingestMs,
        "valid",
        event.event_type,
        timeMs,
        event,
        event,
        userNo,
        sessionNo,
      );
    }
    if (r.chance(this.options.duplicateRatio)) this.scheduleDuplicate(record, r.int(1, 200));
    return record;
  }

  /** Re-sends the same value (same event_id) `after` records later, as a retrying client would. */
  private scheduleDuplicate(original: EventRecord, after: number): void {
    const dup = new EventRecord(
      original.key,
      original.timestampMs + after * 2,
      "duplicate",
      original.eventType,
      original.eventTimeMs,
      undefined,
      original.source,
      undefined,
      undefined,
    );
    const due = this.seq + after;
    let i = this.pending.length;
    while (i > 0 && (this.pending[i - 1] as { due: number }).due > due) i--;
    this.pending.splice(i, 0, { due, record: dup });
  }
}
