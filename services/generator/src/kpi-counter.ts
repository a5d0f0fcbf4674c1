import { deriveKpis, eventTypes, type KpiMinuteRow, kpiCountColumns } from "@ecomstream/contracts";

interface MinuteCounts {
  /** By index into eventTypes. */
  counts: number[];
  users: Set<number>;
  sessions: Set<number>;
  revenue: number;
}

/**
 * The contract's kpi_minute (KpiMinuteAccumulator) over valid, deduplicated events, counted from
 * the manifest's batch facts: distinct shoppers and sessions by their ordinals (one per user_id
 * and session_id) instead of their strings, revenue from order_total x rate computed per event and
 * summed in the same order. run.test.ts checks its rows against the contract's computeKpiMinutes.
 */
export class KpiMinuteCounter {
  private readonly minutes = new Map<number, MinuteCounts>();
  private lastMinute = Number.NaN;
  private last: MinuteCounts | undefined;

  add(minuteMs: number, type: number, user: number, session: number, revenueUsd: number): void {
    let m = minuteMs === this.lastMinute ? this.last : this.minutes.get(minuteMs);
    if (!m) {
      m = { counts: eventTypes.map(() => 0), users: new Set(), sessions: new Set(), revenue: 0 };
      this.minutes.set(minuteMs, m);
    }
    this.lastMinute = minuteMs;
    this.last = m;
    m.counts[type] = (m.counts[type] as number) + 1;
    m.users.add(user);
    m.sessions.add(session);
    if (eventTypes[type] === "purchase") m.revenue += revenueUsd;
  }

  rows(): KpiMinuteRow[] {
    return [...this.minutes.entries()].sort((a, b) => a[0] - b[0]).map(([minute, m]) => toRow(minute, m));
  }
}

function toRow(minute: number, m: MinuteCounts): KpiMinuteRow {
  const counts = Object.fromEntries(
    eventTypes.map((t, i) => [kpiCountColumns[t], m.counts[i] as number]),
  ) as {
    [T in (typeof eventTypes)[number] as (typeof kpiCountColumns)[T]]: number;
  };
  return {
    window_start: new Date(minute).toISOString(),
    window_end: new Date(minute + 60_000).toISOString(),
    events: m.counts.reduce((a, b) => a + b, 0),
    ...counts,
    unique_users: m.users.size,
    unique_sessions: m.sessions.size,
    revenue_usd: m.revenue,
    ...deriveKpis({
      purchases: counts.purchases,
      payment_failures: counts.payment_failures,
      unique_sessions: m.sessions.size,
      revenue_usd: m.revenue,
    }),
  };
}
