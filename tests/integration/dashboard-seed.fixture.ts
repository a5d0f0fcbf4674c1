import { deriveKpis, reasonCodes } from "@ecomstream/contracts";
import { writeLakeHealth } from "@ecomstream/lake";
import type pg from "pg";

export const minuteMs = 60_000;
export const floorMinute = (ms: number) => Math.floor(ms / minuteMs) * minuteMs;

/** One kpi_minute row with gold's derived columns; minutes varied by their index. */
export async function insertKpiMinute(
  admin: pg.Pool,
  start: number,
  i: number,
  final: boolean,
): Promise<void> {
  const purchases = 4 + (i % 7);
  const failures = i % 4;
  const sessions = 40 + ((i * 7) % 23);
  const revenue = Math.round(purchases * (37.5 + (i % 5) * 3.25) * 100) / 100;
  const derived = deriveKpis({
    purchases,
    payment_failures: failures,
    unique_sessions: sessions,
    revenue_usd: revenue,
  });
  await admin.query(
    `insert into serving.kpi_minute (window_start, window_end, events, page_views, product_views, add_to_carts,
       remove_from_carts, checkouts, purchases, payment_failures, unique_users, unique_sessions, revenue_usd,
       aov_usd, conversion_rate, payment_failure_rate, is_final, source)
     values ($1, $2, $3, $4, $5, $6, 0, $7, $7, $8, $9, $9, $10, $11, $12, $13, $14, $15)
     on conflict (window_start) do update set purchases = excluded.purchases, updated_at = now()`,
    [
      new Date(start),
      new Date(start + minuteMs),
      sessions * 5 + purchases * 2 + failures,
      sessions * 3,
      sessions,
      sessions,
      purchases,
      failures,
      sessions,
      revenue,
      derived.aov_usd,
      derived.conversion_rate,
      derived.payment_failure_rate,
      final,
      final ? "gold" : "provisional",
    ],
  );
}

/** `minutes` minutes up to the one before `now`; the newest `provisional` of them not final yet. */
export async function seedKpis(
  admin: pg.Pool,
  now: number,
  minutes: number,
  provisional: number,
): Promise<void> {
  const last = floorMinute(now) - minuteMs;
  for (let i = 0; i < minutes; i++) {
    const start = last - (minutes - 1 - i) * minuteMs;
    await insertKpiMinute(admin, start, i, i < minutes - provisional);
  }
}

export async function seedAlert(
  admin: pg.Pool,
  a: { metric: string; at: number; severity: string; kind?: string; message: string },
): Promise<number> {
  const { rows } = await admin.query<{ id: string }>(
    `insert into serving.alerts (metric, window_start, observed, expected, score, severity, status, method, kind, message)
     values ($1, $2, 0.42, 0.05, 7.5, $3, 'open', 'rate_above', $4, $5) returning id`,
    [a.metric, new Date(a.at), a.severity, a.kind ?? "business", a.message],
  );
  return Number(rows[0]?.id);
}

/** Quality minutes: 1000 records each, quarantine spread over every reason, some duplicates and late records. */
export async function seedQuality(admin: pg.Pool, now: number, minutes: number): Promise<void> {
  const last = floorMinute(now) - minuteMs;
  for (let i = 0; i < minutes; i++) {
    const byReason = Object.fromEntries(reasonCodes.map((reason, r) => [reason, (i + r) % 4]));
    const quarantined = Object.values(byReason).reduce((a, b) => a + b, 0);
    await admin.query(
      `insert into serving.quality_minute (minute, records, valid, quarantined, quarantined_by_reason, duplicates, late)
       values ($1, 1000, $2, $3, $4, $5, $6)`,
      [
        new Date(last - i * minuteMs),
        1000 - quarantined,
        quarantined,
        JSON.stringify(byReason),
        i % 3,
        i % 2,
      ],
    );
  }
}

export async function seedPipeline(admin: pg.Pool, now: number): Promise<void> {
  const stages: Array<[string, number, number, number, boolean]> = [
    ["bronze-writer", 20.5, 12, 3, true],
    ["silver-writer", 19.75, 0, 5, true],
    ["gold-writer", 18, 0, 200, true],
    ["loader", 2, 0, 4000, false],
  ];
  for (const [stage, rate, lag, freshness, healthy] of stages) {
    await admin.query(
      `insert into serving.pipeline_stage (stage, last_batch_at, input_rows_per_second, lag_records, freshness_seconds, details)
       values ($1, $2, $3, $4, $5, $6)`,
      [stage, new Date(now - 2000), rate, lag, freshness, JSON.stringify({ healthy })],
    );
  }
}

export const hourMs = 3_600_000;
export type LakeTable = Parameters<typeof writeLakeHealth>[1][number];

/**
 * Lake health as lake-ops writes it: bronze over the last 30 hours, closed hours compacted to one or
 * two files and the last two still full of sink files; silver uncompacted; quarantine a few hours;
 * gold not measured yet. Returns the tables written.
 */
export async function seedLake(admin: pg.Pool, now: number): Promise<LakeTable[]> {
  const current = Math.floor(now / hourMs) * hourMs;
  const table = (
    layer: string,
    hoursBack: number[],
    files: (back: number) => number,
    lastCompaction: LakeTable["lastCompaction"],
  ): LakeTable => {
    const partitions = hoursBack
      .map((back) => ({
        hourMs: current - back * hourMs,
        files: files(back),
        bytes: files(back) * 2_500_000 + back * 1_000,
        compacted: lastCompaction !== null && back >= 2,
      }))
      .sort((a, b) => a.hourMs - b.hourMs);
    return {
      layer,
      files: partitions.reduce((n, p) => n + p.files, 0),
      bytes: partitions.reduce((n, p) => n + p.bytes, 0),
      partitions,
      lastCompaction,
    };
  };
  const last30 = Array.from({ length: 30 }, (_, i) => i);
  const tables = [
    table("bronze", last30, (back) => (back < 2 ? 240 - back : 1 + (back % 2)), {
      at: new Date(now - 7 * 60_000).toISOString(),
      filesBefore: 2400,
      filesAfter: 12,
      bytesBefore: 1_234_567_890,
      bytesAfter: 1_100_000_000,
    }),
    table("silver", last30, (back) => 180 + (back % 5), null),
    table("quarantine", [1, 5, 26], () => 3, null),
  ];
  await writeLakeHealth(admin, tables);
  return tables;
}
