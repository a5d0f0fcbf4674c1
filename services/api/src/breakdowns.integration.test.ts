import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { until } from "@ecomstream/testkit";
import { createTestDb, type TestDb, testApp } from "./api.fixture.js";
import { seedDimMinutes, seedProductHours } from "./breakdown.fixture.js";

const t0 = new Date("2026-03-01T10:00:00Z");
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
const iso = (minutes: number) => at(minutes).toISOString();

describe("GET /v1/kpis/breakdown and /v1/products/top", () => {
  let db: TestDb;
  let app: Awaited<ReturnType<typeof testApp>>;
  before(async () => {
    db = await createTestDb();
    app = await testApp(db, { now: () => at(60) });
    await seedDimMinutes(db.admin, [
      { at: at(0), dimension: "country", value: "DE", events: 10, purchases: 1, revenue: 20 },
      { at: at(1), dimension: "country", value: "DE", events: 6, purchases: 2, revenue: 30, final: false },
      { at: at(5), dimension: "country", value: "DE", events: 4 },
      { at: at(0), dimension: "country", value: "FR", events: 12, purchases: 1, revenue: 5 },
      { at: at(2), dimension: "country", value: "US", events: 3 },
      { at: at(0), dimension: "device", value: "mobile", events: 25 },
      { at: at(0), dimension: "category", value: "shoes", events: 8 },
      { at: at(3), dimension: "category", value: "shoes", events: 2 },
      // outside the range asked below
      { at: at(-70), dimension: "country", value: "US", events: 500 },
    ]);
    await seedProductHours(db.admin, [
      { at: at(0), product: "p-1", views: 30, addToCarts: 2, removes: 1, sessions: 20 },
      { at: at(-60), product: "p-1", views: 10, addToCarts: 1, sessions: 8 },
      { at: at(0), product: "p-2", views: 25, addToCarts: 9 },
      { at: at(0), product: "p-3", views: 25, addToCarts: 0 },
      { at: at(-48 * 60), product: "p-old", views: 1000 },
    ]);
  });
  after(async () => {
    await app?.close();
    await db?.drop();
  });

  const breakdown = (query: string) => app.inject(`/v1/kpis/breakdown?${query}`);

  it("rolls each value up into buckets, values with the most events first", async () => {
    const res = await breakdown(`dimension=country&from=${iso(0)}&to=${iso(10)}&step=5m`);
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.equal(body.dimension, "country");
    assert.equal(body.step, "5m");
    assert.deepEqual(
      body.series.map((s: { dimension_value: string; events: number }) => [s.dimension_value, s.events]),
      [
        ["DE", 20],
        ["FR", 12],
        ["US", 3],
      ],
    );
    const [de] = body.series;
    assert.equal(de.buckets.length, 2);
    assert.deepEqual(de.buckets[0], {
      window_start: iso(0),
      window_end: iso(5),
      events: 16,
      product_views: 8,
      add_to_carts: 3,
      checkouts: 2,
      purchases: 3,
      payment_failures: 0,
      revenue_usd: 50,
      unique_sessions: 5,
      minutes: 2,
      is_final: false,
    });
    assert.equal(de.buckets[1].window_start, iso(5));
    assert.equal(de.buckets[1].is_final, true);
  });

  it("limit keeps the values with the most events", async () => {
    const body = (await breakdown(`dimension=country&from=${iso(0)}&to=${iso(10)}&limit=2`)).json();
    assert.deepEqual(
      body.series.map((s: { dimension_value: string }) => s.dimension_value),
      ["DE", "FR"],
    );
  });

  it("category rows carry null checkouts, purchases, payment_failures and revenue", async () => {
    const body = (await breakdown(`dimension=category&from=${iso(0)}&to=${iso(10)}&step=5m`)).json();
    assert.equal(body.series.length, 1);
    const [bucket] = body.series[0].buckets;
    assert.equal(bucket.events, 10);
    assert.equal(bucket.checkouts, null);
    assert.equal(bucket.purchases, null);
    assert.equal(bucket.payment_failures, null);
    assert.equal(bucket.revenue_usd, null);
  });

  it("defaults to the last hour at 1m", async () => {
    const body = (await breakdown("dimension=device")).json();
    assert.equal(body.from, iso(0));
    assert.equal(body.to, iso(60));
    assert.equal(body.step, "1m");
    assert.equal(body.series[0].dimension_value, "mobile");
  });

  for (const [what, query] of [
    ["no dimension", `from=${iso(0)}`],
    ["an unknown dimension", "dimension=browser"],
    ["a bad step", "dimension=country&step=7m"],
    ["an inverted range", `dimension=country&from=${iso(10)}&to=${iso(0)}`],
    ["a too-wide range", "dimension=country&from=2020-01-01T00:00:00Z&to=2021-01-01T00:00:00Z&step=1h"],
    ["a limit of 0", "dimension=country&limit=0"],
    ["a limit over 100", "dimension=country&limit=101"],
    ["an unknown parameter", "dimension=country&sort=asc"],
  ] as const) {
    it(`breakdown: 400 problem+json for ${what}`, async () => {
      const res = await breakdown(query);
      assert.equal(res.statusCode, 400, res.body);
      assert.match(res.headers["content-type"] as string, /^application\/problem\+json/);
      assert.equal(res.json().status, 400);
    });
  }

  const top = (query: string) => app.inject(`/v1/products/top?${query}`);

  it("top products by views over the hours of the range, best first, ties by product_id", async () => {
    const res = await top(`from=${iso(-60)}&to=${iso(60)}`);
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.equal(body.by, "views");
    assert.deepEqual(body.items, [
      { product_id: "p-1", views: 40, add_to_carts: 3, remove_from_carts: 1, unique_sessions: 28 },
      { product_id: "p-2", views: 25, add_to_carts: 9, remove_from_carts: 0, unique_sessions: 25 },
      { product_id: "p-3", views: 25, add_to_carts: 0, remove_from_carts: 0, unique_sessions: 25 },
    ]);
  });

  it("by=add_to_carts and limit", async () => {
    const body = (await top(`from=${iso(-60)}&to=${iso(60)}&by=add_to_carts&limit=2`)).json();
    assert.deepEqual(
      body.items.map((i: { product_id: string }) => i.product_id),
      ["p-2", "p-1"],
    );
  });

  it("defaults to the last 24 hours, whole hours", async () => {
    const body = (await top("")).json();
    assert.equal(body.to, iso(60));
    assert.equal(body.from, new Date(at(60).getTime() - 24 * 3_600_000).toISOString());
    assert.ok(!body.items.some((i: { product_id: string }) => i.product_id === "p-old"));
  });

  for (const [what, query] of [
    ["an unknown order", "by=revenue"],
    ["an inverted range", `from=${iso(60)}&to=${iso(0)}`],
    ["a too-wide range", "from=2020-01-01T00:00:00Z&to=2021-01-01T00:00:00Z"],
    ["a bad instant", "from=yesterday"],
    ["a limit of 0", "limit=0"],
  ] as const) {
    it(`top products: 400 problem+json for ${what}`, async () => {
      const res = await top(query);
      assert.equal(res.statusCode, 400, res.body);
      assert.match(res.headers["content-type"] as string, /^application\/problem\+json/);
    });
  }

  /** Cache hits so far, from /metrics. */
  async function hits(): Promise<number> {
    const text = (await app.inject("/metrics")).body;
    return Number(/ecom_api_kpi_cache_lookups_total\{result="hit"\} (\d+)/.exec(text)?.[1] ?? 0);
  }

  for (const [route, path, change, read] of [
    [
      "/v1/products/top",
      `/v1/products/top?from=${iso(0)}&to=${iso(60)}&limit=1`,
      "update serving.product_hour set views = views + 100 where product_id = 'p-3'",
      (body: { items: Array<{ product_id: string }> }) => body.items[0]?.product_id,
    ],
    [
      "/v1/kpis/breakdown",
      `/v1/kpis/breakdown?dimension=device&from=${iso(0)}&to=${iso(60)}`,
      "delete from serving.kpi_dim_minute where dimension = 'device'",
      (body: { series: unknown[] }) => String(body.series.length),
    ],
  ] as const) {
    it(`${route}: cached, and answered anew once the table changes`, async () => {
      let first: string | undefined;
      await until("an answer from the cache", async () => {
        const before = await hits();
        first = read((await app.inject(path)).json());
        return (await hits()) > before;
      });
      await db.admin.query(change);
      await until(`the change in ${route}`, async () => read((await app.inject(path)).json()) !== first);
    });
  }
});
