import type { Logger } from "@ecomstream/runtime";
import { Counter } from "prom-client";

/** Where a skipped row came from: the provisional KPI topic or final gold. */
export type BadRowSource = "provisional" | "gold";

export interface BadRow {
  source: BadRowSource;
  /** Where it is: `{topic, partition, offset}` of a record, or `{window_start, updated_at}` of a gold row. */
  coordinates: Record<string, string | number | null>;
  reason: string;
}

export interface BadRowsHealth {
  /** Rows skipped since the loader started, by source. */
  skipped: Record<BadRowSource, number>;
  last: (BadRow & { at: string }) | null;
}

/** `ecom_loader_bad_rows_total{source}`: rows skipped because they are not kpi_minute rows. */
export function badRowsCounter(): Counter<"source"> {
  const counter = new Counter({
    name: "ecom_loader_bad_rows_total",
    help: "KPI rows skipped because they are not valid kpi_minute rows (logged once each), by source",
    labelNames: ["source"],
    registers: [],
  });
  counter.inc({ source: "provisional" }, 0);
  counter.inc({ source: "gold" }, 0);
  return counter;
}

/** Rows remembered so that one read again (gold's overlap, a redelivery) is not logged or counted twice. */
const rememberRows = 10_000;

/** How long after the last skipped row the loader shows as degraded. */
export const degradedAfterBadRowMs = 15 * 60_000;

/**
 * Rows the loader skips instead of loading: each is logged once with its coordinates and counted,
 * and the loader reads as degraded for a while after the last one. The rest of the load goes on.
 */
export class BadRowLog {
  private readonly seen = new Set<string>();
  private readonly health_: BadRowsHealth = { skipped: { provisional: 0, gold: 0 }, last: null };
  private lastAtMs: number | undefined;

  constructor(
    private readonly logger: Logger,
    private readonly counter: Counter<"source"> | undefined,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Records a skipped row; false when this row was already recorded. */
  note(row: BadRow): boolean {
    const key = `${row.source} ${JSON.stringify(row.coordinates)}`;
    if (this.seen.has(key)) return false;
    this.seen.add(key);
    if (this.seen.size > rememberRows) this.seen.delete(this.seen.values().next().value as string);
    this.logger.error(
      { source: row.source, ...row.coordinates, reason: row.reason },
      "skipped a bad KPI row",
    );
    this.counter?.inc({ source: row.source });
    this.health_.skipped[row.source] += 1;
    this.lastAtMs = this.clock();
    this.health_.last = { ...row, at: new Date(this.lastAtMs).toISOString() };
    return true;
  }

  health(): BadRowsHealth {
    return { skipped: { ...this.health_.skipped }, last: this.health_.last };
  }

  /** A reason while a row was skipped within degradedAfterBadRowMs, else undefined. */
  degraded(): string | undefined {
    if (this.lastAtMs === undefined || this.clock() - this.lastAtMs > degradedAfterBadRowMs) return undefined;
    const { skipped, last } = this.health_;
    return `skipped ${skipped.provisional + skipped.gold} bad KPI row(s), last ${last?.source} ${JSON.stringify(last?.coordinates)}: ${last?.reason}`;
  }
}
