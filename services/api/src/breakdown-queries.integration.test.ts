import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { BreakdownDimension } from "@ecomstream/contracts";
import { createTestDb, type TestDb } from "./api.fixture.js";
import { type BreakdownSeries, breakdownSeries } from "./breakdown-queries.js";
import { createPool, type Pool } from "./db.js";
import { stepSeconds } from "./range.js";
import type { Step } from "./schemas/common.js";

const t0 = Date.parse("2026-03-01T10:00:00Z");
const minuteMs = 60_000;

interface Row {
  minute: number;
  dimension: BreakdownDimension;
  value: string;
  events: number;
  productViews: number;
  addToCarts: number;
  checkouts: number | null;
  purchases: number | null;
  paymentFailures: number | null;
  revenue: number | null;
  sessions: number;
  final: boolean;
}

/** A small deterministic generator (mulberry32), so a failure names rows that can be seeded again. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Two hours of minutes around t0 for three dimensions, shaped where a breakdown query can go
 * wrong: a value that leads single buckets but not the range (`XX`), values tied on their range
 * total (`AA` to `AF`: the limit cuts among them), large values outside the range (`ZZ`),
 * the same value names under two dimensions, some minutes missing, NULL measures on category
 * rows, provisional minutes, revenue in quarters (exact in float8, whatever the order summed).
 */
function rows(): Row[] {
  const next = random(20);
  const out: Row[] = [];
  const add = (minute: number, dimension: BreakdownDimension, value: string, events: number) => {
    const category = dimension === "category";
    out.push({
      minute,
      dimension,
      value,
      events,
      productViews: Math.floor(events / 2),
      addToCarts: Math.floor(events / 5),
      checkouts: category ? null : Math.floor(events / 7),
      purchases: category ? null : Math.floor(events / 9),
      paymentFailures: category ? null : Math.floor(next() * 3),
      revenue: category ? null : Math.floor(next() * 400) / 4,
      sessions: 1 + Math.floor(events / 3),
      final: next() > 0.1,
    });
  };
  for (let minute = -60; minute < 60; minute += 1) {
    for (const [value, base] of [
      ["DE", 40],
      ["FR", 25],
      ["US", 15],
      ["GB", 8],
    ] as const) {
      if (next() < 0.15) continue;
      add(minute, "country", value, base + Math.floor(next() * 20));
    }
    // same names as countries: a query that loses the dimension in one of its parts mixes them in
    add(minute, "device", "DE", 500);
    add(minute, "category", "shoes", 10 + Math.floor(next() * 10));
    if (minute % 3 === 0) add(minute, "category", "home", 5 + Math.floor(next() * 20));
  }
  // XX leads the minutes 10..14 and 40..44, and trails over the range
  for (const minute of [10, 11, 12, 13, 14, 40, 41, 42, 43, 44]) add(minute, "country", "XX", 100);
  // AA..AF: 30 events each over 0..59 (ties broken by value); before 0, AC far ahead
  for (const [value, minutes] of [
    ["AE", [1, 2, 57]],
    ["AB", [3, 17, 44]],
    ["AF", [8, 9, 10]],
    ["AA", [5, 6, 59]],
    ["AD", [20, 50, 55]],
    ["AC", [0, 30, 31]],
  ] as const)
    for (const minute of minutes) add(minute, "country", value, 10);
  for (let minute = -30; minute < 0; minute += 1) add(minute, "country", "AC", 50);
  // ZZ only outside [0, 60)
  for (const minute of [-2, -1, 60, 61]) add(minute, "country", "ZZ", 10_000);
  return out;
}

/** The same answer computed here from the rows, minute by minute, as the route documents it. */
function expected(
  all: readonly Row[],
  dimension: BreakdownDimension,
  from: number,
  to: number,
  step: Step,
  limit: number,
): BreakdownSeries[] {
  const stepMs = stepSeconds[step] * 1000;
  const inRange = all.filter((r) => {
    const at = t0 + r.minute * minuteMs;
    return r.dimension === dimension && at >= from && at < to;
  });
  const totals = new Map<string, number>();
  for (const r of inRange) totals.set(r.value, (totals.get(r.value) ?? 0) + r.events);
  const top = [...totals].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0)).slice(0, limit);
  const sum = (xs: Array<number | null>) =>
    xs.every((x) => x === null) ? null : xs.reduce<number>((acc, x) => acc + (x ?? 0), 0);
  return top.map(([value, total]) => {
    const byBucket = new Map<number, Row[]>();
    for (const r of inRange.filter((r) => r.value === value)) {
      const at = t0 + r.minute * minuteMs;
      const start = at - (((at % stepMs) + stepMs) % stepMs);
      byBucket.set(start, [...(byBucket.get(start) ?? []), r]);
    }
    return {
      dimension_value: value,
      events: total,
      buckets: [...byBucket]
        .sort(([a], [b]) => a - b)
        .map(([start, minutes]) => ({
          window_start: new Date(start).toISOString(),
          window_end: new Date(start + stepMs).toISOString(),
          events: sum(minutes.map((m) => m.events)),
          product_views: sum(minutes.map((m) => m.productViews)),
          add_to_carts: sum(minutes.map((m) => m.addToCarts)),
          checkouts: sum(minutes.map((m) => m.checkouts)),
          purchases: sum(minutes.map((m) => m.purchases)),
          payment_failures: sum(minutes.map((m) => m.paymentFailures)),
          revenue_usd: sum(minutes.map((m) => m.revenue)),
          unique_sessions: sum(minutes.map((m) => m.sessions)),
          minutes: minutes.length,
          is_final: minutes.every((m) => m.final),
        })) as BreakdownSeries["buckets"],
    };
  });
}

describe("breakdownSeries: the top values and their buckets, as summed minute by minute", () => {
  let db: TestDb;
  let pool: Pool;
  const seeded = rows();
  before(async () => {
    db = await createTestDb();
    pool = createPool(db.readerUrl, { max: 2 });
    await db.admin.query(
      `insert into serving.kpi_dim_minute (window_start, window_end, dimension, dimension_value, events,
         product_views, add_to_carts, checkouts, purchases, payment_failures, revenue_usd, unique_sessions,
         is_final, updated_at)
       select to_timestamp(r.ms / 1000.0), to_timestamp(r.ms / 1000.0) + interval '1 minute', r.dimension,
              r.value, r.events, r.product_views, r.add_to_carts, r.checkouts, r.purchases, r.payment_failures,
              r.revenue, r.sessions, r.final, now()
         from jsonb_to_recordset($1::jsonb) as r(ms int8, dimension text, value text, events int8,
              product_views int8, add_to_carts int8, checkouts int8, purchases int8, payment_failures int8,
              revenue float8, sessions int8, final bool)`,
      [
        JSON.stringify(
          seeded.map((r) => ({
            ms: t0 + r.minute * minuteMs,
            dimension: r.dimension,
            value: r.value,
            events: r.events,
            product_views: r.productViews,
            add_to_carts: r.addToCarts,
            checkouts: r.checkouts,
            purchases: r.purchases,
            payment_failures: r.paymentFailures,
            revenue: r.revenue,
            sessions: r.sessions,
            final: r.final,
          })),
        ),
      ],
    );
  });
  after(async () => {
    await pool?.end();
    await db?.drop();
  });

  const cases: Array<[BreakdownDimension, number, number, Step, number]> = [];
  for (const dimension of ["country", "category", "device"] as const)
    for (const [from, to] of [
      [0, 60],
      [-60, 60],
      [7, 43], // neither end on a 5m or 15m boundary: first and last buckets are partial
      [-3, 2],
    ] as const)
      for (const step of ["1m", "5m", "15m", "1h"] as const)
        for (const limit of [1, 2, 3, 5, 7, 100]) cases.push([dimension, from, to, step, limit]);

  it(`${cases.length} ranges, steps and limits: the same series as summed here`, async () => {
    for (const [dimension, fromMinute, toMinute, step, limit] of cases) {
      const from = t0 + fromMinute * minuteMs;
      const to = t0 + toMinute * minuteMs;
      const range = { from: new Date(from), to: new Date(to), step, stepSeconds: stepSeconds[step] };
      assert.deepEqual(
        await breakdownSeries(pool, dimension, range, limit),
        expected(seeded, dimension, from, to, step, limit),
        `${dimension} [${fromMinute}, ${toMinute}) min step=${step} limit=${limit}`,
      );
    }
  });

  it("the limit cuts among tied totals by value; a value leading single buckets only stays out", async () => {
    const range = {
      from: new Date(t0),
      to: new Date(t0 + 60 * minuteMs),
      step: "5m" as const,
      stepSeconds: 300,
    };
    const all = (await breakdownSeries(pool, "country", range, 100)).map((s) => [
      s.dimension_value,
      s.events,
    ]);
    const ties = all.filter(([value]) => String(value).startsWith("A"));
    assert.deepEqual(
      ties,
      ["AA", "AB", "AC", "AD", "AE", "AF"].map((value) => [value, 30]),
    );
    const xx = all.findIndex(([value]) => value === "XX");
    const gb = all.findIndex(([value]) => value === "GB");
    assert.ok(xx > 2 && gb > xx, `XX ranks after DE, FR and US over the hour: ${JSON.stringify(all)}`);
    const seven = (await breakdownSeries(pool, "country", range, 7)).map((s) => s.dimension_value);
    assert.deepEqual(seven, ["DE", "FR", "US", "XX", "GB", "AA", "AB"]);
  });
});
