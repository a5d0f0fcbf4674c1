import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { kpiMinuteColumns } from "@ecomstream/contracts";
import { createLogger, createServingPool } from "@ecomstream/runtime";
import { SparkSession } from "@ecomstream/spark-connect";
import { type TempDatabase, type TempHome, tempDatabase, tempHome } from "@ecomstream/testkit";
import type pg from "pg";
import { goldCursorName } from "./gold-cursor.js";
import { type GoldRowSpec, kpiObject, kpiSnapshot, sparkRemote, writeGold } from "./loader.fixture.js";
import { createLoaderLoop, type LoaderLoop } from "./loader-loop.js";
import { clearState } from "./service-state.js";

const t0 = Date.UTC(2024, 2, 10, 9, 58); // 09:58, 09:59 (hour 9) and 10:00 (hour 10)
const minute = (i: number) => t0 + i * 60_000;
const firstWrite = Date.UTC(2024, 2, 10, 10, 5);

describe("loader: gold -> kpi_minute", { timeout: 120_000 }, () => {
  let session: SparkSession;
  let home: TempHome;
  let db: TempDatabase;
  let writer: pg.Pool;
  let loop: LoaderLoop;

  before(async () => {
    session = await SparkSession.connect(`${sparkRemote.replace(/\/$/, "")}/;user_id=loader-test`);
    home = tempHome("loader-", { ECOM_KPI_TOPIC: `loader-test-unused-${Date.now()}` });
    db = await tempDatabase("ecom_loader_test");
    writer = createServingPool(db.writerUrl);
    const ctx = { config: home.config, lake: home.lake, logger: createLogger("loader-test") };
    // the writers' /health is not part of this test: they do not answer
    loop = createLoaderLoop(ctx, { pool: writer, fetchHealth: async () => null });
  });
  after(async () => {
    await loop?.stop();
    await writer?.end();
    await db?.drop();
    await session?.close();
    home?.remove();
  });

  const gold: GoldRowSpec[] = [
    { minuteMs: minute(0), events: 30, purchases: 2, isFinal: true, updatedAtMs: firstWrite },
    { minuteMs: minute(1), events: 40, purchases: 0, isFinal: true, updatedAtMs: firstWrite },
    { minuteMs: minute(2), events: 7, purchases: 1, isFinal: false, updatedAtMs: firstWrite },
  ];

  it("logs in as ecom_writer", async () => {
    const { rows } = await writer.query("SELECT current_user AS u, session_user AS s");
    assert.deepEqual(rows[0], { u: "ecom_writer", s: "ecom_writer" });
  });

  it("does nothing while gold does not exist", async () => {
    await loop.run(session);
    assert.deepEqual(await kpiSnapshot(db.pool), []);
    assert.equal(loop.health().loader.gold.cursor, null);
  });

  it("loads gold rows with their values, is_final, source and updated_at", async () => {
    await writeGold(session, home.lake, gold);
    await loop.run(session);
    const rows = (await db.pool.query("SELECT * FROM serving.kpi_minute ORDER BY window_start")).rows;
    assert.equal(rows.length, gold.length);
    rows.forEach((row, i) => {
      const expected = kpiObject(gold[i]!);
      for (const c of kpiMinuteColumns) {
        const actual = row[c.name];
        const value = actual instanceof Date ? actual.getTime() : actual === null ? null : Number(actual);
        assert.equal(value, expected[c.name], `${c.name} of minute ${i}`);
      }
      assert.equal(row.is_final, gold[i]!.isFinal);
      assert.equal(row.source, "gold");
      assert.equal((row.updated_at as Date).getTime(), firstWrite);
    });
    assert.equal(loop.health().loader.gold.cursor, new Date(firstWrite).toISOString());
  });

  it("replaying the same gold (cursor reset) leaves kpi_minute byte-identical", async () => {
    const before = await kpiSnapshot(db.pool);
    await loop.run(session); // same cursor: overlap re-read
    assert.equal(loop.health().loader.gold.lastWritten, 0);
    await clearState(db.pool, goldCursorName(home.lake.gold));
    await loop.run(session);
    assert.ok(loop.health().loader.gold.lastRead >= gold.length, "the replay read all of gold");
    assert.equal(loop.health().loader.gold.lastWritten, 0);
    assert.deepEqual(await kpiSnapshot(db.pool), before);
  });

  it("reports each stage in pipeline_stage", async () => {
    const rows = (
      await db.pool.query(
        "SELECT stage, lag_records, freshness_seconds, details FROM serving.pipeline_stage ORDER BY stage",
      )
    ).rows;
    assert.deepEqual(
      rows.map((r) => r.stage),
      ["bronze-writer", "gold-writer", "loader", "silver-writer"],
    );
    const bronze = rows.find((r) => r.stage === "bronze-writer")!;
    assert.equal(bronze.details.healthy, false);
    assert.equal(bronze.details.detail, "/health does not answer");
    const loader = rows.find((r) => r.stage === "loader")!;
    assert.ok(loader.freshness_seconds > 0, "freshness from the newest gold loaded");
  });

  it("a restatement replaces earlier gold; other hours stay", async () => {
    const restatedAt = firstWrite + 90_000;
    await writeGold(session, home.lake, [
      { minuteMs: minute(2), events: 9, purchases: 1, isFinal: true, updatedAtMs: restatedAt },
    ]);
    await loop.run(session);
    const rows = (
      await db.pool.query(
        "SELECT window_start, events, is_final, updated_at FROM serving.kpi_minute ORDER BY window_start",
      )
    ).rows;
    assert.deepEqual(
      rows.map((r) => [r.window_start.getTime(), Number(r.events), r.is_final, r.updated_at.getTime()]),
      [
        [minute(0), 30, true, firstWrite],
        [minute(1), 40, true, firstWrite],
        [minute(2), 9, true, restatedAt],
      ],
    );
  });
});
