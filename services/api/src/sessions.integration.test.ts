import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { until } from "@ecomstream/testkit";
import { createTestDb, type TestDb, testApp } from "./api.fixture.js";
import { seedSessions } from "./sessions.fixture.js";

const t0 = new Date("2026-03-02T10:00:00Z");
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
const iso = (minutes: number) => at(minutes).toISOString();
const all = ["viewed_product", "added_to_cart", "started_checkout", "purchased"] as const;

describe("GET /v1/sessions/summary and /v1/funnel", () => {
  let db: TestDb;
  let app: Awaited<ReturnType<typeof testApp>>;
  before(async () => {
    db = await createTestDb();
    app = await testApp(db, { now: () => at(60) });
    await seedSessions(db.admin, [
      { id: "a", start: at(0), durationSeconds: 0, events: 1, steps: ["viewed_product"] },
      { id: "b", start: at(5), durationSeconds: 120, steps: ["viewed_product", "added_to_cart"] },
      { id: "c", start: at(10), durationSeconds: 600, steps: all, revenue: 80 },
      { id: "d", start: at(15), durationSeconds: 300, steps: all, revenue: 20, final: false },
      // purchased without viewing a product: on no step of the funnel
      { id: "e", start: at(20), durationSeconds: 60, steps: ["purchased"], revenue: 10 },
      // viewed, then purchased without a cart or a checkout: on the first step only
      { id: "f", start: at(25), durationSeconds: 30, steps: ["viewed_product", "purchased"], revenue: 5 },
      { id: "g", start: at(30), durationSeconds: 0, events: 1 },
      // a second session of session_id c, after a gap
      { id: "c", start: at(50), durationSeconds: 0, events: 1, steps: ["viewed_product"] },
      // outside [at(0), at(60))
      { id: "early", start: at(-5), durationSeconds: 10, steps: ["viewed_product"] },
      { id: "late", start: at(60), durationSeconds: 10, steps: all, revenue: 1000 },
    ]);
  });
  after(async () => {
    await app?.close();
    await db?.drop();
  });

  const summary = (query: string) => app.inject(`/v1/sessions/summary?${query}`);
  const funnel = (query: string) => app.inject(`/v1/funnel?${query}`);

  it("summarizes the sessions started in [from, to)", async () => {
    const res = await summary(`from=${iso(0)}&to=${iso(60)}`);
    assert.equal(res.statusCode, 200, res.body);
    const { p90_duration_seconds: p90, ...body } = res.json();
    // durations 0 0 0 30 60 120 300 600, interpolated: p90 = 300 + 0.3 x 300 (in float arithmetic)
    assert.ok(Math.abs(p90 - 390) < 1e-9, `p90 ${p90}`);
    assert.deepEqual(body, {
      from: iso(0),
      to: iso(60),
      sessions: 8,
      provisional_sessions: 1,
      bounced_sessions: 3,
      bounce_rate: 3 / 8,
      purchased_sessions: 4,
      conversion_rate: 4 / 8,
      median_duration_seconds: 45,
      revenue_usd: 115,
    });
  });

  it("funnel: a step counts sessions that reached it and every earlier one; rate from the step before", async () => {
    const res = await funnel(`from=${iso(0)}&to=${iso(60)}`);
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json(), {
      from: iso(0),
      to: iso(60),
      sessions: 8,
      provisional_sessions: 1,
      steps: [
        { step: "viewed_product", sessions: 6, rate: 1 },
        { step: "added_to_cart", sessions: 3, rate: 0.5 },
        { step: "started_checkout", sessions: 2, rate: 2 / 3 },
        { step: "purchased", sessions: 2, rate: 1 },
      ],
    });
  });

  it("without sessions: counts 0, rates and durations null", async () => {
    const body = (await summary(`from=${iso(120)}&to=${iso(180)}`)).json();
    assert.equal(body.sessions, 0);
    assert.equal(body.bounce_rate, null);
    assert.equal(body.conversion_rate, null);
    assert.equal(body.median_duration_seconds, null);
    assert.equal(body.p90_duration_seconds, null);
    assert.equal(body.revenue_usd, 0);
    const steps = (await funnel(`from=${iso(120)}&to=${iso(180)}`)).json().steps;
    assert.deepEqual(
      steps.map((s: { sessions: number; rate: number | null }) => [s.sessions, s.rate]),
      [
        [0, null],
        [0, null],
        [0, null],
        [0, null],
      ],
    );
  });

  it("floors from and ceils to to the minute; defaults to the last 24 hours", async () => {
    const body = (await summary(`from=${at(0.5).toISOString()}&to=${at(49.5).toISOString()}`)).json();
    assert.equal(body.from, iso(0));
    assert.equal(body.to, iso(50));
    assert.equal(body.sessions, 7);
    const recent = (await funnel("")).json();
    assert.equal(recent.from, new Date(at(60).getTime() - 24 * 3_600_000).toISOString());
    assert.equal(recent.to, iso(60));
    assert.equal(recent.sessions, 9);
  });

  for (const [what, query] of [
    ["an inverted range", `from=${iso(60)}&to=${iso(0)}`],
    ["an empty range", `from=${iso(0)}&to=${iso(0)}`],
    ["a too-wide range", "from=2020-01-01T00:00:00Z&to=2021-01-01T00:00:00Z"],
    ["a bad instant", "from=yesterday"],
    ["an unknown parameter", "step=1m"],
  ] as const) {
    for (const [route, call] of [
      ["summary", summary],
      ["funnel", funnel],
    ] as const) {
      it(`${route}: 400 problem+json for ${what}`, async () => {
        const res = await call(query);
        assert.equal(res.statusCode, 400, res.body);
        assert.match(res.headers["content-type"] as string, /^application\/problem\+json/);
        assert.equal(res.json().status, 400);
      });
    }
  }

  /** Cache hits so far, from /metrics. */
  async function hits(): Promise<number> {
    const text = (await app.inject("/metrics")).body;
    return Number(/ecom_api_kpi_cache_lookups_total\{result="hit"\} (\d+)/.exec(text)?.[1] ?? 0);
  }

  for (const [route, path, change, read] of [
    [
      "/v1/sessions/summary",
      `/v1/sessions/summary?from=${iso(0)}&to=${iso(60)}`,
      "update serving.sessions set revenue_usd = revenue_usd + 1 where session_id = 'd'",
      (body: { revenue_usd: number }) => String(body.revenue_usd),
    ],
    [
      "/v1/funnel",
      `/v1/funnel?from=${iso(0)}&to=${iso(60)}`,
      "delete from serving.sessions where session_id = 'a'",
      (body: { steps: Array<{ sessions: number }> }) => String(body.steps[0]?.sessions),
    ],
  ] as const) {
    it(`${route}: cached, and answered anew once serving.sessions changes`, async () => {
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
