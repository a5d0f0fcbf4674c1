import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { inTransaction } from "@ecomstream/runtime";
import { type TempDatabase, tempDatabase } from "@ecomstream/testkit";
import type pg from "pg";
import { type KpiRow, kpiRowFromObject } from "./kpi-row.js";
import { upsertKpiRows } from "./kpi-store.js";
import { kpiObject, kpiSnapshot } from "./loader.fixture.js";

const t0 = Date.UTC(2024, 4, 2, 7, 30);
const minute = (i: number) => t0 + i * 60_000;

/** A row as the provisional stream (with max_event_ts) or gold (without) gives it. */
function row(
  i: number,
  spec: { events: number; updatedAtMs: number; isFinal?: boolean; maxEventTsMs?: number | null },
): KpiRow {
  return kpiRowFromObject({
    ...kpiObject({
      minuteMs: minute(i),
      events: spec.events,
      isFinal: spec.isFinal ?? false,
      updatedAtMs: spec.updatedAtMs,
    }),
    window_start: new Date(minute(i)),
    window_end: new Date(minute(i) + 60_000),
    updated_at: new Date(spec.updatedAtMs),
    max_event_ts: spec.maxEventTsMs == null ? null : new Date(spec.maxEventTsMs),
  });
}

describe("loader: kpi_minute upserts keep the newest event time (max_event_ts)", { timeout: 60_000 }, () => {
  let db: TempDatabase;
  let writer: pg.Pool;
  const upsert = (rows: KpiRow[], source: "provisional" | "gold") =>
    inTransaction(writer, (client) => upsertKpiRows(client, rows, source));
  const held = async (i: number) => {
    const result = await db.pool.query<{ events: string; max_event_ts: Date | null; is_final: boolean }>(
      "SELECT events, max_event_ts, is_final FROM serving.kpi_minute WHERE window_start = $1",
      [new Date(minute(i))],
    );
    const found = result.rows[0];
    assert.ok(found, `minute ${i} is in kpi_minute`);
    return {
      events: Number(found.events),
      maxEventTsMs: found.max_event_ts?.getTime() ?? null,
      isFinal: found.is_final,
    };
  };

  before(async () => {
    db = await tempDatabase("ecom_loader_test");
    writer = db.writer();
  });
  after(async () => {
    await db?.drop();
  });

  it("a provisional row writes its max_event_ts; a newer update moves it forward", async () => {
    await upsert(
      [row(0, { events: 3, updatedAtMs: minute(0) + 20_000, maxEventTsMs: minute(0) + 18_500 })],
      "provisional",
    );
    assert.deepEqual(await held(0), { events: 3, maxEventTsMs: minute(0) + 18_500, isFinal: false });
    await upsert(
      [row(0, { events: 7, updatedAtMs: minute(0) + 40_000, maxEventTsMs: minute(0) + 39_250 })],
      "provisional",
    );
    assert.deepEqual(await held(0), { events: 7, maxEventTsMs: minute(0) + 39_250, isFinal: false });
  });

  it("never goes back: an older replay is ignored, a newer update with an older max_event_ts or none keeps it", async () => {
    const written = await upsert(
      [row(0, { events: 3, updatedAtMs: minute(0) + 20_000, maxEventTsMs: minute(0) + 18_500 })],
      "provisional",
    );
    assert.deepEqual(written, [], "an older update (an at-least-once replay) writes nothing");
    assert.deepEqual(await held(0), { events: 7, maxEventTsMs: minute(0) + 39_250, isFinal: false });

    await upsert(
      [row(0, { events: 8, updatedAtMs: minute(0) + 45_000, maxEventTsMs: minute(0) + 30_000 })],
      "provisional",
    );
    assert.deepEqual(await held(0), { events: 8, maxEventTsMs: minute(0) + 39_250, isFinal: false });
    await upsert([row(0, { events: 9, updatedAtMs: minute(0) + 50_000, maxEventTsMs: null })], "provisional");
    assert.deepEqual(await held(0), { events: 9, maxEventTsMs: minute(0) + 39_250, isFinal: false });
  });

  it("final gold keeps the provisional max_event_ts; gold alone leaves it null; replayed gold changes nothing", async () => {
    const goldAt = minute(3);
    const gold = [
      row(0, { events: 10, updatedAtMs: goldAt, isFinal: true }),
      row(1, { events: 4, updatedAtMs: goldAt, isFinal: true }),
    ];
    assert.deepEqual((await upsert(gold, "gold")).sort(), [minute(0), minute(1)]);
    assert.deepEqual(await held(0), { events: 10, maxEventTsMs: minute(0) + 39_250, isFinal: true });
    assert.deepEqual(await held(1), { events: 4, maxEventTsMs: null, isFinal: true });

    const before = await kpiSnapshot(db.pool);
    assert.deepEqual(await upsert(gold, "gold"), [], "the same gold again writes nothing");
    await upsert(
      [row(0, { events: 11, updatedAtMs: minute(4), maxEventTsMs: minute(0) + 59_000 })],
      "provisional",
    );
    assert.deepEqual(await kpiSnapshot(db.pool), before, "provisional never replaces final");
  });
});
