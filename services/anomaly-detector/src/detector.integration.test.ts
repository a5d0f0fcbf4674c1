import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";
import type pg from "pg";
import { detectPass } from "./detector.js";
import { DetectorEngine } from "./engine.js";
import { insertKpis, type TempDatabase, tempDatabase } from "./kpi-database.fixture.js";
import { minute, normalShape, series } from "./kpi-series.fixture.js";
import { stateName } from "./store.js";

const outage = (i: number) => (i >= 70 && i < 75 ? { ...normalShape, conversion: 0 } : normalShape);
const all = series(0, 90, outage, 3);
const upTo = (from: number, to: number) => all.slice(from, to);
/** Just after minute i's window ended and its grace passed: minute i is judgeable. */
const after_ = (i: number) => minute(i + 1) + 91_000;

interface Row {
  id: string;
  metric: string;
  window_start: Date;
  status: string;
  kind: string;
  severity: string;
  message: string;
}

describe("anomaly detector on Postgres", () => {
  let db: TempDatabase;
  let writer: pg.Pool;
  const engine = new DetectorEngine();
  const alerts = async (metric?: string) =>
    (
      await db.pool.query<Row>(
        `SELECT id, metric, window_start, status, kind, severity, message FROM serving.alerts
          ${metric ? "WHERE metric = $1" : ""} ORDER BY id`,
        metric ? [metric] : [],
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
      "TRUNCATE serving.alerts, serving.kpi_minute, serving.quality_minute, serving.service_state",
    );
  });

  it("opens, keeps an acknowledgement, resolves after normal minutes, and a restart adds no alert", async () => {
    await insertKpis(db.pool, upTo(0, 72));
    const first = await detectPass(writer, engine, after_(71));
    assert.equal(first.judged, 60, "a first start judges the last hour (initialBackfillMinutes)");
    const opened = await alerts("purchases");
    assert.equal(opened.length, 1);
    const purchases = opened[0] as Row;
    assert.equal(purchases.status, "open");
    assert.equal(purchases.kind, "business");
    assert.equal(purchases.window_start.getTime(), minute(70));
    assert.match(purchases.message, /^purchases\/min 0 vs expected \d+ ± \d+ since 13:10 UTC/);
    assert.ok(["warning", "critical"].includes(purchases.severity));

    // a person acknowledges it through the API
    await db.pool.query("UPDATE serving.alerts SET status = 'acknowledged' WHERE id = $1", [purchases.id]);

    // the outage goes on; minute 74 is provisional and too fresh to judge
    await insertKpis(db.pool, upTo(72, 74));
    await insertKpis(db.pool, [{ ...(all[74] as (typeof all)[number]), isFinal: false }]);
    const during = await detectPass(writer, engine, minute(75) + 10_000);
    assert.equal(during.judged, 2, "minutes 72 and 73; provisional 74 waits for its data");
    const before = await alerts();

    // restart: a new pool and engine; the saved cursor means nothing is judged twice
    const restarted = db.writer();
    const again = await detectPass(restarted, new DetectorEngine(), minute(75) + 10_000);
    assert.equal(again.judged, 0);
    // even with the cursor lost, the (metric, first minute) key keeps one alert per incident
    await db.pool.query("DELETE FROM serving.service_state WHERE name = $1", [stateName]);
    const replayed = await detectPass(restarted, new DetectorEngine(), minute(75) + 10_000);
    assert.ok(replayed.judged > 0);
    assert.deepEqual(
      (await alerts()).map((a) => [a.id, a.metric, a.status]),
      before.map((a) => [a.id, a.metric, a.status]),
    );
    assert.equal((await alerts("purchases"))[0]?.status, "acknowledged");

    // recovery: five normal minutes resolve every alert of the incident
    await insertKpis(db.pool, upTo(74, 90));
    const recovery = await detectPass(restarted, engine, after_(89));
    assert.ok(recovery.changes.some((c) => c.type === "resolved" && c.alert.metric === "purchases"));
    const final = await alerts();
    assert.ok(final.length >= 1);
    for (const a of final) assert.equal(a.status, "resolved", `${a.metric} resolved`);
    assert.equal(new Set(final.map((a) => a.metric)).size, final.length, "one alert per metric and incident");
  });

  it("labels a drop that coincides with a quarantine spike as data quality", async () => {
    await insertKpis(db.pool, upTo(0, 74));
    // the purchases drop at 70..74 comes with half the records quarantined
    for (let i = 60; i < 76; i++) {
      const spike = i >= 70;
      await db.pool.query(
        `INSERT INTO serving.quality_minute (minute, records, valid, quarantined, duplicates, late)
         VALUES ($1, 1000, $2, $3, 0, 0)`,
        [new Date(minute(i)), spike ? 500 : 980, spike ? 500 : 20],
      );
    }
    await detectPass(writer, engine, after_(73));
    const rows = await alerts("purchases");
    assert.equal(rows.length, 1);
    assert.equal(rows[0]?.kind, "data_quality");
    assert.match(rows[0]?.message ?? "", /quarantine spike \(50% of records quarantined\): data quality/);
  });

  it("a person's resolve while still anomalous silences the alert instead of reopening it", async () => {
    await insertKpis(db.pool, upTo(0, 72));
    await detectPass(writer, engine, after_(71));
    await db.pool.query("UPDATE serving.alerts SET status = 'resolved' WHERE metric = 'purchases'");
    await insertKpis(db.pool, upTo(72, 75));
    await detectPass(writer, engine, after_(74));
    const rows = await alerts("purchases");
    assert.equal(rows.length, 1);
    assert.equal(rows[0]?.status, "resolved");
  });
});
