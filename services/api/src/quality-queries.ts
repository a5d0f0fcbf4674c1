import { type ReasonCode, reasonCodes } from "@ecomstream/contracts";
import type { Static } from "@sinclair/typebox";
import type { Pool } from "./db.js";
import type { TimeRange } from "./range.js";
import type { QualityBucketSchema } from "./schemas/quality.js";

export type QualityBucket = Static<typeof QualityBucketSchema>;

const binned = "date_bin(make_interval(secs => $3), minute, timestamptz '1970-01-01 00:00:00+00')";

/** quality_minute rolled up into step-wide buckets; reasons outside the contract are left out. */
export async function qualitySeries(pool: Pool, range: TimeRange): Promise<QualityBucket[]> {
  const params = [range.from, range.to, range.stepSeconds];
  const [totals, reasons] = await Promise.all([
    pool.query<{
      bucket: Date;
      minutes: number;
      records: number;
      valid: number;
      quarantined: number;
      duplicates: number;
      late: number;
    }>(
      `select ${binned} as bucket, count(*)::int as minutes, sum(records) as records, sum(valid) as valid,
              sum(quarantined) as quarantined, sum(duplicates) as duplicates, sum(late) as late
         from serving.quality_minute where minute >= $1 and minute < $2
        group by 1 order by 1`,
      params,
    ),
    pool.query<{ bucket: Date; reason: string; n: number }>(
      `select ${binned} as bucket, r.key as reason,
              sum(case when jsonb_typeof(r.value) = 'number' then (r.value #>> '{}')::numeric else 0 end) as n
         from serving.quality_minute, jsonb_each(quarantined_by_reason) r
        where minute >= $1 and minute < $2 and jsonb_typeof(quarantined_by_reason) = 'object'
        group by 1, 2`,
      params,
    ),
  ]);
  const byBucket = new Map<number, Record<string, number>>();
  for (const row of reasons.rows) {
    if (!(reasonCodes as readonly string[]).includes(row.reason)) continue;
    const key = row.bucket.getTime();
    const entry = byBucket.get(key) ?? {};
    entry[row.reason] = Math.max(0, Math.round(row.n));
    byBucket.set(key, entry);
  }
  return totals.rows.map((row) => {
    const found = byBucket.get(row.bucket.getTime()) ?? {};
    const quarantinedByReason = Object.fromEntries(
      reasonCodes.map((reason: ReasonCode) => [reason, found[reason] ?? 0]),
    );
    return {
      window_start: row.bucket.toISOString(),
      window_end: new Date(row.bucket.getTime() + range.stepSeconds * 1000).toISOString(),
      records: row.records,
      valid: row.valid,
      quarantined: row.quarantined,
      quarantined_by_reason: quarantinedByReason,
      duplicates: row.duplicates,
      late: row.late,
      quarantine_rate: row.records === 0 ? null : row.quarantined / row.records,
      minutes: row.minutes,
    };
  });
}
