import { deriveKpis } from "@ecomstream/contracts";
import type { Static } from "@sinclair/typebox";
import { iso, type Pool } from "./db.js";
import type { TimeRange } from "./range.js";
import { additiveKpiColumns, type KpiBucketSchema, type KpiMinuteSchema } from "./schemas/kpis.js";

export type KpiBucket = Static<typeof KpiBucketSchema>;
export type KpiMinute = Static<typeof KpiMinuteSchema>;

const sums = additiveKpiColumns.map((name) => `sum("${name}") as "${name}"`).join(", ");

type SumRow = Record<string, number> & { bucket: Date; minutes: number; is_final: boolean };

/** A bucket from its sums: ratios recomputed from the summed counts (never averaged). */
export function toBucket(row: SumRow, start: Date, end: Date): KpiBucket {
  const additive = Object.fromEntries(additiveKpiColumns.map((name) => [name, Number(row[name] ?? 0)]));
  return {
    window_start: start.toISOString(),
    window_end: end.toISOString(),
    ...additive,
    ...deriveKpis({
      purchases: additive.purchases ?? 0,
      payment_failures: additive.payment_failures ?? 0,
      unique_sessions: additive.unique_sessions ?? 0,
      revenue_usd: additive.revenue_usd ?? 0,
    }),
    minutes: row.minutes,
    is_final: row.is_final,
  } as KpiBucket;
}

/** Rolls kpi_minute up into step-wide buckets aligned to the epoch; empty buckets are omitted. */
export async function kpiSeries(pool: Pool, range: TimeRange): Promise<KpiBucket[]> {
  const { rows } = await pool.query<SumRow>(
    `select date_bin(make_interval(secs => $3), window_start, timestamptz '1970-01-01 00:00:00+00') as bucket,
            count(*)::int as minutes, bool_and(is_final) as is_final, ${sums}
       from serving.kpi_minute
      where window_start >= $1 and window_start < $2
      group by 1 order by 1`,
    [range.from, range.to, range.stepSeconds],
  );
  return rows.map((row) =>
    toBucket(row, row.bucket, new Date(row.bucket.getTime() + range.stepSeconds * 1000)),
  );
}

export function toMinute(row: Record<string, unknown>): KpiMinute {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) out[key] = value instanceof Date ? iso(value) : value;
  return out as KpiMinute;
}

export interface KpiLatest {
  minute: KpiMinute | null;
  lastHour: KpiBucket | null;
  previousHour: KpiBucket | null;
}

/** The newest minute and the two hours ending with it (one index scan each). */
export async function kpiLatest(pool: Pool): Promise<KpiLatest> {
  const latest = await pool.query("select * from serving.kpi_minute order by window_start desc limit 1");
  const row = latest.rows[0] as (Record<string, unknown> & { window_end: Date }) | undefined;
  if (!row) return { minute: null, lastHour: null, previousHour: null };
  const end = row.window_end;
  const hour = 3600_000;
  const mid = new Date(end.getTime() - hour);
  const start = new Date(end.getTime() - 2 * hour);
  const { rows } = await pool.query<SumRow & { recent: boolean }>(
    `select window_start >= $2 as recent, count(*)::int as minutes, bool_and(is_final) as is_final, ${sums}
       from serving.kpi_minute
      where window_start >= $1 and window_start < $3
      group by 1`,
    [start, mid, end],
  );
  const recent = rows.find((r) => r.recent);
  const previous = rows.find((r) => !r.recent);
  return {
    minute: toMinute(row),
    lastHour: recent ? toBucket(recent, mid, end) : null,
    previousHour: previous ? toBucket(previous, start, mid) : null,
  };
}
