import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { funnelSteps, kpiRelativeTolerance, sessionColumns } from "@ecomstream/contracts";
import { goldTableSpecs, type LakeLayout } from "@ecomstream/lake-model";
import { createLogger, loadConfig } from "@ecomstream/runtime";
import { type Row, SparkSession } from "@ecomstream/spark-connect";
import { type TempHome, tempHome } from "@ecomstream/testkit";
import { makeBreakdownEvents } from "./breakdown-events.js";
import { createGoldLoop } from "./gold-loop.js";
import { sessionEvents } from "./session-events.js";
import { appendSilver } from "./silver.fixture.js";

const logger = createLogger("gold-sessions-test");
const at = (h: number, m: number, s = 0) => Date.UTC(2024, 2, 10, h, m, s);
const gapMicros = 30 * 60 * 1_000_000;

/*
 * The test's own recomputation of gold sessions from silver: no session_window, but a running sum
 * of "more than the gap since this session_id's previous event" per session_id, the first event by
 * row_number, revenue from the spec's rates; none of the writer's SQL.
 */
const usd =
  "CASE WHEN event_type = 'purchase' THEN order_total * CASE currency WHEN 'USD' THEN 1.0D WHEN 'EUR' THEN 1.1D WHEN 'GBP' THEN 1.25D END END";
const order = "PARTITION BY session_id ORDER BY event_ts, event_id";
const has = (type: string) => `max(event_type = '${type}')`;
const expectedSql = (silver: string, nowMs: number) =>
  `WITH e AS (SELECT *, CASE WHEN unix_micros(event_ts) - unix_micros(lag(event_ts) OVER (${order})) < ${gapMicros} ` +
  `THEN 0 ELSE 1 END AS starts FROM ${silver}), ` +
  `n AS (SELECT *, sum(starts) OVER (${order} ROWS UNBOUNDED PRECEDING) AS k FROM e), ` +
  "f AS (SELECT *, row_number() OVER (PARTITION BY session_id, k ORDER BY event_ts, event_id) AS rn FROM n) " +
  "SELECT session_id, min(event_ts) AS session_start, max(event_ts) AS session_end, " +
  "(unix_seconds(max(event_ts)) - unix_seconds(min(event_ts))) * 1.0D AS duration_seconds, count(*) AS events, " +
  "max(CASE WHEN rn = 1 THEN device END) AS device, max(CASE WHEN rn = 1 THEN country END) AS country, " +
  `${has("product_view")} AS viewed_product, ${has("add_to_cart")} AS added_to_cart, ` +
  `${has("checkout_started")} AS started_checkout, ${has("purchase")} AS purchased, ` +
  `coalesce(sum(${usd}), 0D) AS revenue_usd, ` +
  `unix_millis(max(event_ts)) + ${gapMicros / 1000} <= ${nowMs} AS is_final ` +
  "FROM f GROUP BY session_id, k";

const keys = "session_id, session_start";
const text = (v: unknown) => (v instanceof Date ? v.toISOString() : v === null ? "null" : String(v));

async function sql(session: SparkSession, query: string): Promise<Row[]> {
  return (await session.sql(query)).collect();
}

/** Gold sessions equal the test's recomputation from silver at `nowMs`; returns gold's rows. */
async function assertSessionsMatchSilver(
  session: SparkSession,
  lake: LakeLayout,
  nowMs: number,
): Promise<Row[]> {
  await session.read.format("delta").load(lake.silver).createOrReplaceTempView("test_silver");
  await session.read
    .format("delta")
    .load(goldTableSpecs(lake).sessions.uri)
    .createOrReplaceTempView("test_sessions");
  const got = await sql(session, `SELECT * FROM test_sessions ORDER BY ${keys}`);
  const want = await sql(session, `SELECT * FROM (${expectedSql("test_silver", nowMs)}) ORDER BY ${keys}`);
  assert.ok(want.length > 0);
  const key = (r: Row) => `${r.session_id} ${text(r.session_start)}`;
  assert.deepEqual(got.map(key), want.map(key));
  want.forEach((w, i) => {
    const g = got[i]!;
    for (const c of [...sessionColumns.map((c) => c.name), "is_final"]) {
      if (c === "revenue_usd") {
        const d = Math.abs(Number(g[c]) - Number(w[c]));
        assert.ok(d <= kpiRelativeTolerance * Math.abs(Number(w[c])), `${key(w)} ${c}: ${g[c]} vs ${w[c]}`);
      } else assert.equal(text(g[c]), text(w[c]), `${key(w)} ${c}`);
    }
    const start = (g.session_start as Date).toISOString();
    const date =
      g.event_date instanceof Date ? g.event_date.toISOString().slice(0, 10) : String(g.event_date);
    assert.equal(
      `${date} ${g.hour}`,
      `${start.slice(0, 10)} ${Number(start.slice(11, 13))}`,
      `${key(g)} partition`,
    );
  });
  // Reconcile: every silver event is in exactly one session.
  const [silver] = await sql(session, "SELECT count(*) AS n FROM test_silver");
  assert.equal(
    got.reduce((n, r) => n + Number(r.events), 0),
    Number(silver!.n),
  );
  // The funnel (sessions reaching a step and every earlier one) never increases step to step.
  const reached = funnelSteps.map(
    (_, i) => got.filter((r) => funnelSteps.slice(0, i + 1).every((s) => r[s] === true)).length,
  );
  for (let i = 1; i < reached.length; i++)
    assert.ok(reached[i]! <= reached[i - 1]!, `funnel ${reached.join(" > ")}`);
  assert.ok(reached.at(-1)! > 0, "some session purchased");
  return got;
}

const rowOf = (rows: readonly Row[], sessionId: string) => rows.filter((r) => r.session_id === sessionId);

describe("gold sessions against a real Spark", { timeout: 480_000 }, () => {
  let session: SparkSession;
  const homes: TempHome[] = [];
  before(async () => {
    session = await SparkSession.connect(
      `${loadConfig().spark.remote.replace(/\/$/, "")}/;user_id=gold-sessions-test`,
    );
  });
  after(async () => {
    await session?.close();
    for (const home of homes) home.remove();
  });

  it("are restated from silver's session windows: across hours, split by the gap, extended by late events, final once the gap has passed", {
    timeout: 420_000,
  }, async () => {
    const home = tempHome("gold-writer-");
    homes.push(home);
    let clock = at(12, 10);
    const loop = createGoldLoop({ config: home.config, lake: home.lake, logger }, { now: () => clock });

    const first = [
      // 10:50 .. 11:20: across the hour boundary.
      ...sessionEvents("a", "cross", [at(10, 50), at(10, 58), at(11, 5), at(11, 12), at(11, 20)]),
      // Two sessions of one session_id: 10:10 .. 10:15, then 75 minutes later 11:30 .. 11:40.
      ...sessionEvents("a", "two", [at(10, 10), at(10, 15), at(11, 30), at(11, 40)]),
      // Starts in hour 9; a late event in hour 10 extends it (its start hour must be rewritten).
      ...sessionEvents("a", "early", [at(9, 50), at(10, 10)]),
      // 11:40 .. 11:50: late events extend it at both ends.
      ...sessionEvents("a", "late", [at(11, 40), at(11, 50)]),
      // Traffic: 9 session_ids, an event every 30 s, 10:30 .. 11:30.
      ...makeBreakdownEvents("f", at(10, 30), 120, 30_000),
    ];
    await appendSilver(session, home, first);
    await loop.run(session);
    const one = await assertSessionsMatchSilver(session, home.lake, clock);
    assert.equal(rowOf(one, "two").length, 2, "events more than the gap apart make two sessions");
    assert.deepEqual(
      rowOf(one, "cross").map((r) => [text(r.session_start), text(r.session_end), Number(r.events), r.hour]),
      [["2024-03-10T10:50:00.000Z", "2024-03-10T11:20:00.000Z", 5, 10]],
      "one session across the hour boundary, in its start hour",
    );
    assert.equal(rowOf(one, "late")[0]!.is_final, false, "11:50 + 30 minutes is after 12:10");
    assert.ok(loop.health().gold.pendingHours["2024-03-10/11"], "hour 11 holds a provisional session");

    // Late events: one bridges session_id "two"'s sessions (10:40, 11:05 close both gaps), one
    // extends "early" (hour 9) from hour 10, two extend "late" back to 11:15 and on to 12:15.
    clock = at(12, 20);
    await appendSilver(session, home, [
      ...sessionEvents("b", "two", [at(10, 40), at(11, 5)], ["product_view", "add_to_cart"]),
      ...sessionEvents("b", "early", [at(10, 35)], ["purchase"]),
      ...sessionEvents("b", "late", [at(11, 15), at(12, 15)], ["product_view", "purchase"]),
    ]);
    await loop.run(session);
    const health = loop.health().gold;
    assert.deepEqual(health.hoursRestated, ["2024-03-10/10", "2024-03-10/11", "2024-03-10/12"]);
    assert.ok(
      health.sessionHoursRestated.includes("2024-03-10/09"),
      "hour 9's session was extended from hour 10",
    );
    const two = await assertSessionsMatchSilver(session, home.lake, clock);
    assert.equal(rowOf(two, "two").length, 1, "late events bridged the two sessions");
    assert.equal(Number(rowOf(two, "early")[0]!.events), 3);
    const late = rowOf(two, "late");
    assert.deepEqual(
      late.map((r) => [text(r.session_start), text(r.session_end), r.is_final]),
      [["2024-03-10T11:15:00.000Z", "2024-03-10T12:15:00.000Z", false]],
    );

    // No new silver: the provisional session's hour is restated once its gap has passed.
    clock = at(12, 50);
    await loop.run(session);
    assert.deepEqual(loop.health().gold.hoursRestated, ["2024-03-10/12"]);
    const three = await assertSessionsMatchSilver(session, home.lake, clock);
    assert.equal(rowOf(three, "late")[0]!.is_final, true);
    assert.ok(three.every((r) => r.is_final === true));
    assert.deepEqual(loop.health().gold.pendingHours, {});
  });
});
