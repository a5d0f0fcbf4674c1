import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { seedKpis, until } from "@ecomstream/testkit";
import { createTestDb, type TestDb, testApp, testConfig } from "./api.fixture.js";

const t0 = new Date("2026-04-01T08:00:00Z");
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
const series = `/v1/kpis?from=${at(0).toISOString()}&to=${at(60).toISOString()}&step=5m`;

type App = Awaited<ReturnType<typeof testApp>>;

async function purchasesOf(app: App): Promise<number[]> {
  const res = await app.inject(series);
  assert.equal(res.statusCode, 200, res.body);
  assert.match(String(res.headers["content-type"]), /^application\/json/);
  return res.json().buckets.map((b: { purchases: number }) => b.purchases);
}

async function lookups(app: App): Promise<{ hit: number; miss: number }> {
  const text = (await app.inject("/metrics")).body;
  const count = (result: string) =>
    Number(
      new RegExp(`ecom_api_kpi_cache_lookups_total\\{result="${result}"\\} (\\d+)`).exec(text)?.[1] ?? 0,
    );
  return { hit: count("hit"), miss: count("miss") };
}

/**
 * Asks until an answer comes from the cache (a hit) and returns it: each case below starts from a
 * cached body, so a cache that kept nothing (every request computed) fails here, not by chance.
 */
async function cachedPurchasesOf(app: App): Promise<number[]> {
  let purchases: number[] = [];
  await until("an answer from the cache", async () => {
    const before = await lookups(app);
    purchases = await purchasesOf(app);
    return (await lookups(app)).hit > before.hit;
  });
  return purchases;
}

describe("the KPI response cache", () => {
  let db: TestDb;
  let app: App;
  before(async () => {
    db = await createTestDb();
    app = await testApp(db);
    await seedKpis(db.admin, [
      { at: at(0), purchases: 2, failures: 0, sessions: 10, revenue: 20 },
      { at: at(7), purchases: 3, failures: 1, sessions: 12, revenue: 30 },
    ]);
    await until("the LISTEN connection", async () => (await app.inject(series)).statusCode === 200);
  });
  after(async () => {
    await app?.close();
    await db?.drop();
  });

  it("answers a repeated query from the cache with the same body", async () => {
    await until("a cached answer", async () => {
      const before = await lookups(app);
      const first = await app.inject(series);
      const second = await app.inject(series);
      const now = await lookups(app);
      assert.equal(second.body, first.body);
      return now.hit > before.hit;
    });
  });

  const changes: Array<[string, () => Promise<unknown>, number[], number[]]> = [
    [
      "an updated minute",
      () => db.admin.query("update serving.kpi_minute set purchases = 40 where window_start = $1", [at(0)]),
      [2, 3],
      [40, 3],
    ],
    [
      "an inserted minute",
      () => seedKpis(db.admin, [{ at: at(20), purchases: 1, failures: 0, sessions: 4, revenue: 9 }]),
      [40, 3],
      [40, 3, 1],
    ],
    [
      "a deleted minute",
      () => db.admin.query("delete from serving.kpi_minute where window_start = $1", [at(0)]),
      [40, 3, 1],
      [3, 1],
    ],
  ];
  for (const [change, apply, cached, expected] of changes) {
    it(`serves ${change} once Postgres notifies it, not the cached body`, async () => {
      assert.deepEqual(await cachedPurchasesOf(app), cached, "the body cached before the change");
      await apply();
      await until(`${change} in /v1/kpis`, async () => {
        return JSON.stringify(await purchasesOf(app)) === JSON.stringify(expected);
      });
      assert.deepEqual(await cachedPurchasesOf(app), expected, "the changed body is cached in turn");
    });
  }

  it("serves a truncated table as empty", async () => {
    assert.deepEqual(await cachedPurchasesOf(app), [3, 1]);
    await db.admin.query("truncate serving.kpi_minute");
    await until("the truncation in /v1/kpis", async () => (await purchasesOf(app)).length === 0);
    await seedKpis(db.admin, [{ at: at(30), purchases: 5, failures: 0, sessions: 9, revenue: 50 }]);
    await until("the new minute", async () => JSON.stringify(await purchasesOf(app)) === "[5]");
  });

  it("sees changes made while its LISTEN connection was down", async () => {
    assert.deepEqual(await cachedPurchasesOf(app), [5]);
    await db.admin.query(
      "select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'ecom-api-listen' and datname = current_database()",
    );
    await db.admin.query("update serving.kpi_minute set purchases = 6 where window_start = $1", [at(30)]);
    await until("the change made while not listening", async () => {
      return JSON.stringify(await purchasesOf(app)) === "[6]";
    });
    // and caching resumes once the connection is back
    assert.deepEqual(await cachedPurchasesOf(app), [6]);
  });

  it("is off with ECOM_API_CACHE_MB=0: every request is computed", async () => {
    const uncached = await testApp(db, { config: testConfig({ cacheMb: 0 }) });
    try {
      await purchasesOf(uncached);
      await purchasesOf(uncached);
      assert.deepEqual(await lookups(uncached), { hit: 0, miss: 0 });
      await db.admin.query("update serving.kpi_minute set purchases = 7 where window_start = $1", [at(30)]);
      assert.deepEqual(await purchasesOf(uncached), [7], "a change is served by the very next request");
    } finally {
      await uncached.close();
    }
  });
});
