import type { PoolClient } from "pg";
import type { QualityMinute } from "./quality-plan.js";

const counted = ["records", "valid", "quarantined", "quarantined_by_reason", "duplicates", "late"] as const;

/** Upserts quality rows in one statement; a row whose counts are unchanged keeps its updated_at. */
export const qualityUpsertSql =
  `INSERT INTO serving.quality_minute AS q (minute, ${counted.join(", ")}, updated_at) ` +
  "SELECT m, r, v, qd, qr, d, l, now() FROM unnest($1::timestamptz[], $2::int8[], $3::int8[], $4::int8[], " +
  "$5::jsonb[], $6::int8[], $7::int8[]) AS t(m, r, v, qd, qr, d, l) " +
  `ON CONFLICT (minute) DO UPDATE SET ${counted.map((c) => `${c} = EXCLUDED.${c}`).join(", ")}, updated_at = now() ` +
  `WHERE (${counted.map((c) => `q.${c}`).join(", ")}) IS DISTINCT FROM (${counted.map((c) => `EXCLUDED.${c}`).join(", ")})`;

export function qualityUpsertParams(rows: readonly QualityMinute[]): unknown[][] {
  return [
    rows.map((r) => new Date(r.minuteMs).toISOString()),
    rows.map((r) => r.records),
    rows.map((r) => r.valid),
    rows.map((r) => r.quarantined),
    rows.map((r) => JSON.stringify(r.quarantinedByReason)),
    rows.map((r) => r.duplicates),
    rows.map((r) => r.late),
  ];
}

/** Returns how many rows changed. */
export async function upsertQualityMinutes(
  client: PoolClient,
  rows: readonly QualityMinute[],
): Promise<number> {
  if (rows.length === 0) return 0;
  const result = await client.query(qualityUpsertSql, qualityUpsertParams(rows));
  return result.rowCount ?? 0;
}
