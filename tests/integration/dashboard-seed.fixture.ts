import { reasonCodes } from "@ecomstream/contracts";
import { writeLakeHealth } from "@ecomstream/lake";
import { seedKpis, seedQuality } from "@ecomstream/testkit";
import type pg from "pg";

export const minuteMs = 60_000;
export const floorMinute = (ms: number) => Math.floor(ms / minuteMs) * minuteMs;

/** One kpi_minute row with gold's derived columns (testkit's seedKpis); minutes varied by their index. */
export async function insertKpiMinute(
  admin: pg.Pool,
  start: number,
  i: number,
  final: boolean,
): Promise<void> {
  const purchases = 4 + (i % 7);
  const failures = i % 4;
  const sessions = 40 + ((i * 7) % 23);
  await seedKpis(admin, [
    {
      at: new Date(start),
      purchases,
      failures,
      sessions,
      revenue: Math.round(purchases * (37.5 + (i % 5) * 3.25) * 100) / 100,
      final,
      events: sessions * 5 + purchases * 2 + failures,
      productViews: sessions,
      addToCarts: sessions,
    },
  ]);
}

/** `minutes` minutes up to the one before `now`; the newest `provisional` of them not final yet. */
export async function seedKpiHistory(
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

/** Quality minutes: 1000 records each, quarantine spread over every reason, some duplicates and late records. */
export async function seedQualityHistory(admin: pg.Pool, now: number, minutes: number): Promise<void> {
  const last = floorMinute(now) - minuteMs;
  await seedQuality(
    admin,
    Array.from({ length: minutes }, (_, i) => ({
      at: new Date(last - i * minuteMs),
      records: 1000,
      byReason: Object.fromEntries(reasonCodes.map((reason, r) => [reason, (i + r) % 4])),
      duplicates: i % 3,
      late: i % 2,
    })),
  );
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

const countries = ["DE", "FR", "US"] as const;
const devices = ["mobile", "desktop"] as const;
const categories = ["shoes", "electronics"] as const;

/**
 * serving.kpi_dim_minute as the loader writes it, over the `minutes` minutes up to the one before
 * `now` (the newest `provisional` of them not final): every minute has each country, device and
 * category, their counts varied by minute and value; category rows carry no checkouts, purchases,
 * payment failures or revenue, as gold writes them.
 */
export async function seedDimMinutes(
  admin: pg.Pool,
  now: number,
  minutes: number,
  provisional: number,
): Promise<void> {
  const last = floorMinute(now) - minuteMs;
  const rows: Array<[string, string, number]> = [
    ...countries.map((v, k) => ["country", v, k] as [string, string, number]),
    ...devices.map((v, k) => ["device", v, k] as [string, string, number]),
    ...categories.map((v, k) => ["category", v, k] as [string, string, number]),
  ];
  for (let i = 0; i < minutes; i++) {
    const start = last - (minutes - 1 - i) * minuteMs;
    for (const [dimension, value, k] of rows) {
      const onCategory = dimension === "category";
      const events = 20 + ((i * (k + 3)) % 17) + k * 11;
      const purchases = (i + k) % 5;
      await admin.query(
        `insert into serving.kpi_dim_minute (window_start, window_end, dimension, dimension_value, events,
           product_views, add_to_carts, checkouts, purchases, payment_failures, revenue_usd, unique_sessions,
           is_final, updated_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, now())`,
        [
          new Date(start),
          new Date(start + minuteMs),
          dimension,
          value,
          events,
          Math.floor(events / 2),
          Math.floor(events / 5),
          onCategory ? null : purchases + 1,
          onCategory ? null : purchases,
          onCategory ? null : (i + k) % 3,
          onCategory ? null : Math.round(purchases * (41.25 + k * 7.5 + (i % 4)) * 100) / 100,
          Math.max(1, Math.floor(events / 3)),
          i < minutes - provisional,
        ],
      );
    }
  }
}

/**
 * serving.product_hour over the `hours` hours up to the current one: 12 products, each hour's views
 * and add to carts varied so the two orders differ; the current hour not final.
 */
export async function seedProductHours(admin: pg.Pool, now: number, hours: number): Promise<void> {
  const current = Math.floor(now / hourMs) * hourMs;
  for (let h = 0; h < hours; h++) {
    const start = current - (hours - 1 - h) * hourMs;
    for (let p = 0; p < 12; p++) {
      const views = 5 + ((p * 37 + h * 11) % 90);
      await admin.query(
        `insert into serving.product_hour (window_start, window_end, product_id, views, add_to_carts,
           remove_from_carts, unique_sessions, is_final, updated_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, now())`,
        [
          new Date(start),
          new Date(start + hourMs),
          `p-${String(p + 1).padStart(4, "0")}`,
          views,
          (p * 13 + h * 5) % 23,
          (p + h) % 4,
          Math.max(1, Math.floor(views / 2)),
          h < hours - 1,
        ],
      );
    }
  }
}

const funnelSteps = ["viewed_product", "added_to_cart", "started_checkout", "purchased"] as const;

/**
 * serving.sessions: `count` sessions started over the last 50 minutes before `now`, reaching
 * successively fewer funnel steps, every fourth a one-event bounce, the newest `provisional` still open.
 */
export async function seedSessions(
  admin: pg.Pool,
  now: number,
  count: number,
  provisional: number,
): Promise<void> {
  for (let i = 0; i < count; i++) {
    const start = floorMinute(now) - (50 - Math.floor((i * 50) / count)) * minuteMs + 7_000;
    const bounce = i % 4 === 0;
    const reached = bounce ? 0 : 1 + (i % 5 === 1 ? 3 : i % 3);
    const duration = bounce ? 0 : 45 + ((i * 97) % 1200);
    const purchased = reached >= 4;
    await admin.query(
      `insert into serving.sessions (session_id, session_start, session_end, duration_seconds, events, device,
         country, viewed_product, added_to_cart, started_checkout, purchased, revenue_usd, is_final, updated_at)
       values ($1, $2, $2::timestamptz + make_interval(secs => $3), $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, now())`,
      [
        `sess-dash-${i}`,
        new Date(start),
        duration,
        bounce ? 1 : 2 + reached * 3,
        devices[i % devices.length],
        countries[i % countries.length],
        ...funnelSteps.map((_, s) => s < reached),
        purchased ? 50 + i : 0,
        i < count - provisional,
      ],
    );
  }
}
