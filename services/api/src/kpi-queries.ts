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
  return bucketOf(
    (name) => Number(row[name] ?? 0),
    start.getTime(),
    end.getTime(),
    row.minutes,
    row.is_final,
  );
}

function bucketOf(
  sum: (name: string) => number,
  startMs: number,
  endMs: number,
  minutes: number,
  isFinal: boolean,
): KpiBucket {
  const bucket: Record<string, unknown> = {
    window_start: new Date(startMs).toISOString(),
    window_end: new Date(endMs).toISOString(),
  };
  for (const name of additiveKpiColumns) bucket[name] = sum(name);
  Object.assign(
    bucket,
    deriveKpis({
      purchases: bucket.purchases as number,
      payment_failures: bucket.payment_failures as number,
      unique_sessions: bucket.unique_sessions as number,
      revenue_usd: bucket.revenue_usd as number,
    }),
  );
  bucket.minutes = minutes;
  bucket.is_final = isFinal;
  return bucket as KpiBucket;
}

/**
 * Rolls kpi_minute up into step-wide buckets aligned to the epoch; empty buckets are omitted.
 * Postgres sums and returns the buckets as one JSON array of arrays
 * `[start_ms, minutes, is_final, ...sums]` (parsing one text value is far cheaper than a row each).
 */
const seriesSql = `
  select coalesce(json_agg(json_build_array(b, n, f, ${additiveKpiColumns.map((name) => `"${name}"`).join(", ")}) order by b), '[]')::text as buckets
    from (select (extract(epoch from date_bin(make_interval(secs => $3), window_start,
                   timestamptz '1970-01-01 00:00:00+00')) * 1000)::int8 as b,
                 count(*) as n, bool_and(is_final) as f, ${sums}
            from serving.kpi_minute
           where window_start >= $1 and window_start < $2
           group by 1) t`;

const sumPosition = new Map(additiveKpiColumns.map((name, i) => [name, 3 + i]));

export async function kpiSeries(pool: Pool, range: TimeRange): Promise<KpiBucket[]> {
  const { rows } = await pool.query<{ buckets: string }>({
    name: "kpi-series",
    text: seriesSql,
    values: [range.from, range.to, range.stepSeconds],
  });
  const stepMs = range.stepSeconds * 1000;
  const arrays = JSON.parse(rows[0]?.buckets ?? "[]") as Array<[number, number, boolean, ...number[]]>;
  return arrays.map((a) =>
    bucketOf((name) => Number(a[sumPosition.get(name) ?? -1] ?? 0), a[0], a[0] + stepMs, a[1], a[2]),
  );
}

export function toMinute(row: Record<string, unknown>): KpiMinute {
  // a database not yet migrated to max_event_ts reads as "not known"
  const out: Record<string, unknown> = { max_event_ts: null };
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
