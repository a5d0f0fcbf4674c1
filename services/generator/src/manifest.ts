import {
  type EventType,
  eventTypes,
  type KpiMinuteRow,
  type ReasonCode,
  reasonCodes,
} from "@ecomstream/contracts";
import { type BatchFacts, recordKinds } from "./batch-facts.js";
import { KpiMinuteCounter } from "./kpi-counter.js";
import type { GeneratorOptions } from "./options.js";

/** The ground truth of one run: what was acknowledged by the broker, and what the platform must make of it. */
export interface Manifest {
  manifestVersion: 1;
  topic: string;
  options: Record<string, unknown>;
  run: {
    startedAt: string;
    finishedAt: string;
    stoppedBy: StopReason;
    wallSeconds: number;
    acknowledgedRecords: number;
    recordsPerSecond: number;
  };
  eventTime: { start: string; end: string | null };
  records: { total: number; valid: number; late: number; invalid: number; duplicates: number };
  /** What silver, quarantine and dedup must count: bronze = silverRows + quarantineRows + droppedDuplicates. */
  expected: { bronzeRecords: number; silverRows: number; quarantineRows: number; droppedDuplicates: number };
  /** Records by the type of the event they came from (all kinds). */
  byType: Record<EventType, number>;
  /** Records by event minute (UTC, of the event they came from), total and by type. */
  byMinute: Record<string, { total: number } & Partial<Record<EventType, number>>>;
  invalidByReason: Record<ReasonCode, number>;
  invalidByReasonField: Partial<Record<ReasonCode, Record<string, number>>>;
  /** Each invalid record: key, Kafka timestamp, sha256 of the value (first 32 hex), reason, field. */
  invalidRecords: Array<{
    key: string;
    timestampMs: number;
    sha256: string;
    reason: ReasonCode;
    field: string | null;
  }>;
  invalidRecordsTruncated: boolean;
  late: { count: number; minLatenessSec: number | null; maxLatenessSec: number | null };
  incidents: Array<{ type: string; start: string; end: string }>;
  /** Expected gold kpi_minute rows from the valid, deduplicated events (exact distincts). */
  kpiMinute: KpiMinuteRow[];
}

export type StopReason = "count" | "duration" | "signal" | "error";
const maxListedInvalid = 200_000;

export { valueDigest } from "./batch-facts.js";

/** Accumulates acknowledged batches into the manifest. */
export class ManifestBuilder {
  private readonly kpis = new KpiMinuteCounter();
  private readonly counts = { total: 0, valid: 0, late: 0, invalid: 0, duplicates: 0 };
  private readonly byType = Object.fromEntries(eventTypes.map((t) => [t, 0])) as Record<EventType, number>;
  private readonly byMinute = new Map<number, { total: number } & Partial<Record<EventType, number>>>();
  private readonly invalidByReason = Object.fromEntries(reasonCodes.map((r) => [r, 0])) as Record<
    ReasonCode,
    number
  >;
  private readonly invalidByReasonField: Partial<Record<ReasonCode, Record<string, number>>> = {};
  private readonly invalidRecords: Manifest["invalidRecords"] = [];
  private lateMin: number | null = null;
  private lateMax: number | null = null;
  private eventEnd: number | null = null;
  private lastMinute = Number.NaN;
  private lastMinuteEntry: ({ total: number } & Partial<Record<EventType, number>>) | undefined;

  constructor(
    private readonly options: GeneratorOptions,
    private readonly startMs: number,
    private readonly incidents: ReadonlyArray<{ type: string; startMs: number; endMs: number }>,
  ) {}

  get total(): number {
    return this.counts.total;
  }

  /** Counts an acknowledged batch. */
  addBatch(facts: BatchFacts): void {
    const { kinds, types, eventTimes, timestamps, users, sessions, revenueUsd } = facts;
    const c = this.counts;
    for (let i = 0; i < facts.size; i++) {
      const type = types[i] as number;
      const typeName = eventTypes[type] as EventType;
      const eventTimeMs = eventTimes[i] as number;
      c.total++;
      this.byType[typeName]++;
      const minute = Math.floor(eventTimeMs / 60_000) * 60_000;
      // Records mostly arrive minute by minute: the last minute's entry saves a map lookup.
      let m = minute === this.lastMinute ? this.lastMinuteEntry : this.byMinute.get(minute);
      if (!m) {
        m = { total: 0 };
        this.byMinute.set(minute, m);
      }
      this.lastMinute = minute;
      this.lastMinuteEntry = m;
      m.total++;
      m[typeName] = (m[typeName] ?? 0) + 1;
      if (this.eventEnd === null || eventTimeMs > this.eventEnd) this.eventEnd = eventTimeMs;
      switch (recordKinds[kinds[i] as number]) {
        case "duplicate":
          c.duplicates++;
          continue;
        case "invalid":
          c.invalid++;
          continue;
        case "late": {
          c.late++;
          const lateness = ((timestamps[i] as number) - eventTimeMs) / 1000;
          this.lateMin = this.lateMin === null ? lateness : Math.min(this.lateMin, lateness);
          this.lateMax = this.lateMax === null ? lateness : Math.max(this.lateMax, lateness);
          break;
        }
        case "valid":
          c.valid++;
      }
      this.kpis.add(minute, type, users[i] as number, sessions[i] as number, revenueUsd[i] as number);
    }
    for (const record of facts.invalid) {
      const reason = record.reason;
      this.invalidByReason[reason]++;
      const fields = this.invalidByReasonField[reason] ?? {};
      this.invalidByReasonField[reason] = fields;
      const field = record.field ?? "(none)";
      fields[field] = (fields[field] ?? 0) + 1;
      if (this.invalidRecords.length < maxListedInvalid) this.invalidRecords.push(record);
    }
  }

  build(run: { startedAtMs: number; finishedAtMs: number; stoppedBy: StopReason }): Manifest {
    const wallSeconds = (run.finishedAtMs - run.startedAtMs) / 1000;
    const c = this.counts;
    return {
      manifestVersion: 1,
      topic: this.options.topic,
      options: { ...this.options, startMs: undefined, start: new Date(this.startMs).toISOString() },
      run: {
        startedAt: new Date(run.startedAtMs).toISOString(),
        finishedAt: new Date(run.finishedAtMs).toISOString(),
        stoppedBy: run.stoppedBy,
        wallSeconds,
        acknowledgedRecords: c.total,
        recordsPerSecond: wallSeconds > 0 ? c.total / wallSeconds : 0,
      },
      eventTime: {
        start: new Date(this.startMs).toISOString(),
        end: this.eventEnd === null ? null : new Date(this.eventEnd).toISOString(),
      },
      records: { ...c },
      expected: {
        bronzeRecords: c.total,
        silverRows: c.valid + c.late,
        quarantineRows: c.invalid,
        droppedDuplicates: c.duplicates,
      },
      byType: { ...this.byType },
      byMinute: Object.fromEntries(
        [...this.byMinute.entries()]
          .sort((a, b) => a[0] - b[0])
          .map(([k, v]) => [new Date(k).toISOString(), v]),
      ),
      invalidByReason: { ...this.invalidByReason },
      invalidByReasonField: this.invalidByReasonField,
      invalidRecords: this.invalidRecords,
      invalidRecordsTruncated: c.invalid > this.invalidRecords.length,
      late: { count: c.late, minLatenessSec: this.lateMin, maxLatenessSec: this.lateMax },
      incidents: this.incidents.map((i) => ({
        type: i.type,
        start: new Date(i.startMs).toISOString(),
        end: new Date(i.endMs).toISOString(),
      })),
      kpiMinute: this.kpis.rows(),
    };
  }
}
