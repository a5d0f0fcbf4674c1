import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { seedKpis } from "@ecomstream/testkit";
import { createTestDb, type TestDb, testApp } from "./api.fixture.js";

const t0 = new Date("2026-03-01T10:00:00Z");
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

describe("GET /v1/kpis", () => {
  let db: TestDb;
  let app: Awaited<ReturnType<typeof testApp>>;
  before(async () => {
    db = await createTestDb();
    app = await testApp(db, { now: () => at(60) });
    await seedKpis(db.admin, [
      // bucket 10:00-10:05: aov 10 and 100 -> from sums 910/10 = 91, not the mean 55
      { at: at(0), purchases: 1, failures: 3, sessions: 10, revenue: 10 },
      { at: at(1), purchases: 9, failures: 1, sessions: 40, revenue: 900, final: false },
      // bucket 10:05-10:10
      { at: at(5), purchases: 0, failures: 0, sessions: 4, revenue: 0 },
      // previous hour, for /latest
      { at: at(-70), purchases: 2, failures: 0, sessions: 8, revenue: 40 },
    ]);
  });
  after(async () => {
    await app?.close();
    await db?.drop();
  });

  it("sums counts and recomputes ratios from the sums", async () => {
    const res = await app.inject(`/v1/kpis?from=${at(0).toISOString()}&to=${at(10).toISOString()}&step=5m`);
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.equal(body.buckets.length, 2);
    const [first, second] = body.buckets;
    assert.equal(first.window_start, at(0).toISOString());
    assert.equal(first.window_end, at(5).toISOString());
    assert.equal(first.purchases, 10);
    assert.equal(first.payment_failures, 4);
    assert.equal(first.unique_sessions, 50);
    assert.equal(first.revenue_usd, 910);
    assert.equal(first.aov_usd, 91);
    assert.equal(first.conversion_rate, 10 / 50);
    assert.equal(first.payment_failure_rate, 4 / 14);
    assert.equal(first.minutes, 2);
    assert.equal(first.is_final, false, "one provisional minute makes the bucket provisional");
    assert.equal(second.is_final, true);
    assert.equal(second.aov_usd, null);
    assert.equal(second.payment_failure_rate, null);
    assert.equal(second.conversion_rate, 0);
  });

  it("defaults to the last hour at 1m, floors from and ceils to the step", async () => {
    const res = await app.inject("/v1/kpis");
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.equal(body.from, at(0).toISOString());
    assert.equal(body.to, at(60).toISOString());
    assert.equal(body.step, "1m");
    assert.deepEqual(
      body.buckets.map((b: { window_start: string }) => b.window_start),
      [at(0), at(1), at(5)].map((d) => d.toISOString()),
    );
    const aligned = await app.inject(
      `/v1/kpis?from=${at(0.5).toISOString()}&to=${at(61.5).toISOString()}&step=1h`,
    );
    assert.equal(aligned.json().from, "2026-03-01T10:00:00.000Z");
    assert.equal(aligned.json().to, "2026-03-01T12:00:00.000Z");
  });

  for (const [name, query, pattern] of [
    ["inverted", `from=${at(10).toISOString()}&to=${at(0).toISOString()}`, /must be before/],
    ["empty", `from=${at(0).toISOString()}&to=${at(0).toISOString()}`, /must be before/],
    ["too wide at 1m", `from=2026-01-01T00:00:00Z&to=2026-01-09T00:00:00Z&step=1m`, /wider than 7 days/],
    ["too wide at 1h", `from=2026-01-01T00:00:00Z&to=2026-02-02T00:00:00Z&step=1h`, /wider than 31 days/],
    ["unknown step", "step=2m", /allowed values: 1m, 5m, 15m, 1h/],
    ["not a date", "from=yesterday", /querystring\/from must match format/],
    ["unknown parameter", "stepp=1m", /additional properties \(stepp\)/],
  ] as const) {
    it(`rejects a range that is ${name} with a 400 problem`, async () => {
      const res = await app.inject(`/v1/kpis?${query}`);
      assert.equal(res.statusCode, 400);
      assert.match(res.headers["content-type"] as string, /^application\/problem\+json/);
      assert.match(res.json().detail, pattern);
    });
  }

  it("accepts the widest range of each step", async () => {
    const res = await app.inject("/v1/kpis?from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z&step=1h");
    assert.equal(res.statusCode, 200);
  });

  it("latest: the newest minute, the hour ending with it and the hour before", async () => {
    const res = await app.inject("/v1/kpis/latest");
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.equal(body.minute.window_start, at(5).toISOString());
    assert.equal(body.minute.is_final, true);
    assert.equal(body.lastHour.window_end, at(6).toISOString());
    assert.equal(body.lastHour.purchases, 10);
    assert.equal(body.lastHour.minutes, 3);
    assert.equal(body.previousHour.purchases, 2);
    assert.equal(body.previousHour.aov_usd, 20);
    assert.equal(body.minute.max_event_ts, null, "a minute only gold wrote has no newest event time");
  });
});

describe("GET /v1/kpis/latest: the newest event time of the newest minute", () => {
  let db: TestDb;
  let app: Awaited<ReturnType<typeof testApp>>;
  const newest = new Date(at(7).getTime() + 41_250);
  before(async () => {
    db = await createTestDb();
    app = await testApp(db, { now: () => at(60) });
    await seedKpis(db.admin, [
      { at: at(6), purchases: 1, failures: 0, sessions: 3, revenue: 5, maxEventTs: at(6.95) },
      { at: at(7), purchases: 2, failures: 1, sessions: 6, revenue: 9, final: false, maxEventTs: newest },
    ]);
  });
  after(async () => {
    await app?.close();
    await db?.drop();
  });

  it("shows max_event_ts of the newest minute as a date-time", async () => {
    const res = await app.inject("/v1/kpis/latest");
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.equal(body.minute.window_start, at(7).toISOString());
    assert.equal(body.minute.max_event_ts, newest.toISOString());
  });
});
