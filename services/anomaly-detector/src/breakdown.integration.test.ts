import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";
import type pg from "pg";
import { countrySeries, insertBreakdowns } from "./breakdown-series.fixture.js";
import { detectPass } from "./detector.js";
import { DetectorEngine } from "./engine.js";
import { insertKpis, type TempDatabase, tempDatabase } from "./kpi-database.fixture.js";
import { minute, normalShape, series } from "./kpi-series.fixture.js";

/** Payment failures at 60 % of attempts in minutes [from, to), 6 % otherwise. */
const failing = (from: number, to: number) => (i: number) =>
  i >= from && i < to ? { ...normalShape, paymentFailure: 0.6 } : normalShape;
/** A country of ~3 payment attempts a minute (below the rule's 8) failing with DE, nearly all. */
const tiny = (i: number) => ({
  ...normalShape,
  sessions: 20,
  paymentFailure: i >= 70 && i < 75 ? 0.95 : 0.06,
});

const kpis = series(0, 90, () => normalShape, 3);
const de = countrySeries("DE", 0, 90, failing(70, 75), 11);
const fr = countrySeries("FR", 0, 90, () => normalShape, 12);
const lu = countrySeries("LU", 0, 90, tiny, 13);
const upTo = <T extends { minuteMs: number }>(points: readonly T[], to: number) =>
  points.filter((p) => p.minuteMs < minute(to));
const after_ = (i: number) => minute(i + 1) + 91_000;

interface Row {
  metric: string;
  window_start: Date;
  status: string;
  message: string;
}

describe("anomaly detector: payment failure rate per country (serving.kpi_dim_minute)", () => {
  let db: TempDatabase;
  let writer: pg.Pool;
  const engine = new DetectorEngine();
  const alerts = async () =>
    (
      await db.pool.query<Row>(
        `SELECT metric, window_start, status, message FROM serving.alerts
          WHERE metric LIKE 'payment_failure_rate{%' ORDER BY id`,
      )
    ).rows;

  before(async () => {
    db = await tempDatabase();
    writer = db.writer();
  });
  after(async () => {
    await db.drop();
  });
  beforeEach(async () => {
    await db.pool.query(
      "TRUNCATE serving.alerts, serving.kpi_minute, serving.kpi_dim_minute, serving.quality_minute, serving.service_state",
    );
  });

  it("opens exactly the failing country's alert, resolves it when it recovers; a low-volume country never alerts", async () => {
    await insertKpis(db.pool, upTo(kpis, 74));
    await insertBreakdowns(db.pool, [...upTo(de, 74), ...upTo(fr, 74), ...upTo(lu, 74)]);
    const first = await detectPass(writer, engine, after_(73));
    const open = await alerts();
    assert.deepEqual(
      open.map((a) => [a.metric, a.window_start.getTime(), a.status]),
      [["payment_failure_rate{country=DE}", minute(70), "open"]],
    );
    assert.match(open[0]?.message ?? "", /^payment failure rate \(country=DE\) \d+% vs expected/);
    assert.ok(
      first.changes.some((c) => c.type === "opened" && c.alert.metric === "payment_failure_rate{country=DE}"),
    );

    await insertKpis(db.pool, kpis.slice(74));
    await insertBreakdowns(db.pool, [...de.slice(74), ...fr.slice(74), ...lu.slice(74)]);
    const second = await detectPass(writer, engine, after_(89));
    assert.ok(second.judged > 0);
    assert.deepEqual(
      (await alerts()).map((a) => [a.metric, a.window_start.getTime(), a.status]),
      [["payment_failure_rate{country=DE}", minute(70), "resolved"]],
      "resolved after 5 normal minutes; FR (normal) and LU (too few attempts) never alert",
    );
    const state = second.state;
    assert.equal(state.breakdownCursorMs, minute(89), "the breakdown cursor reached the last minute");
    assert.deepEqual(Object.keys(state.open), []);
  });

  it("keeps two countries failing at once as two alerts, each with its own lifecycle", async () => {
    const fr2 = countrySeries("FR", 0, 90, failing(72, 80), 12);
    await insertKpis(db.pool, kpis);
    await insertBreakdowns(db.pool, [...de, ...fr2, ...lu]);
    await detectPass(writer, engine, after_(89));
    const rows = await alerts();
    assert.deepEqual(rows.map((a) => [a.metric, a.window_start.getTime(), a.status]).sort(), [
      ["payment_failure_rate{country=DE}", minute(70), "resolved"],
      ["payment_failure_rate{country=FR}", minute(72), "resolved"],
    ]);
    assert.ok(rows.every((a) => a.message.includes(a.metric.slice(a.metric.indexOf("{") + 1, -1))));
  });

  it("judges a provisional breakdown minute only once its data is in, and a restart adds no alert", async () => {
    await insertKpis(db.pool, kpis);
    const provisional = upTo(de, 72).map((p) => (p.minuteMs >= minute(70) ? { ...p, isFinal: false } : p));
    await insertBreakdowns(db.pool, [...provisional, ...upTo(fr, 72)]);
    await detectPass(writer, engine, minute(70) + 30_000);
    assert.deepEqual(await alerts(), [], "minute 70 is still arriving");
    await detectPass(writer, engine, after_(71));
    assert.deepEqual(
      (await alerts()).map((a) => a.metric),
      ["payment_failure_rate{country=DE}"],
    );
    await db.pool.query("DELETE FROM serving.service_state");
    await detectPass(writer, engine, after_(71));
    assert.equal((await alerts()).length, 1, "judging the same minutes again finds the stored alert");
  });
});
