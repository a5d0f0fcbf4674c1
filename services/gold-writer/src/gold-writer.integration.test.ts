import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { computeKpiMinutes } from "@ecomstream/contracts";
import { lakeStore, readTable } from "@ecomstream/lake";
import { goldTableSpecs } from "@ecomstream/lake-model";
import { createLogger, loadConfig } from "@ecomstream/runtime";
import { SparkSession } from "@ecomstream/spark-connect";
import { type TempHome, tempHome } from "@ecomstream/testkit";
import { assertGoldEquals, readGold, withoutUpdatedAt } from "./gold-assert.js";
import { createGoldLoop } from "./gold-loop.js";
import { restateGold } from "./restate.js";
import { appendSilver, makeEvents } from "./silver.fixture.js";

const logger = createLogger("gold-writer-test");
const at = (h: number, m: number, s = 0) => Date.UTC(2024, 2, 10, h, m, s);

describe("gold restatement against a real Spark", { timeout: 480_000 }, () => {
  let session: SparkSession;
  const homes: TempHome[] = [];
  before(async () => {
    session = await SparkSession.connect(
      `${loadConfig().spark.remote.replace(/\/$/, "")}/;user_id=gold-writer-test`,
    );
  });
  after(async () => {
    await session?.close();
    for (const home of homes) home.remove();
  });

  it("restates every hour on a fresh start, then only hours with new commits; late rows reach gold", {
    timeout: 240_000,
  }, async () => {
    const home = tempHome("gold-writer-");
    homes.push(home);
    let clock = at(13, 0);
    const loop = createGoldLoop({ config: home.config, lake: home.lake, logger }, { now: () => clock });

    const early = makeEvents("a", at(10, 57), 90, 4_000); // 10:57 .. 11:02
    await appendSilver(session, home, early);
    await loop.run(session);
    let gold = await readGold(session, home.lake);
    assertGoldEquals(gold, computeKpiMinutes(early));
    assert.ok(gold.every((r) => r.is_final === true));
    assert.deepEqual(loop.health().gold.hoursRestated, ["2024-03-10/10", "2024-03-10/11"]);
    assert.deepEqual(loop.health().gold.pendingHours, {});

    clock += 5_000;
    await loop.run(session);
    assert.equal(
      loop.health().gold.lastRestatementAt,
      new Date(at(13, 0)).toISOString(),
      "nothing new: no restatement",
    );
    assert.deepEqual(await readGold(session, home.lake), gold);

    const late = makeEvents("late", at(10, 58, 30), 30, 1_000); // late rows for the closed hour 10
    await appendSilver(session, home, late);
    clock += 5_000;
    await loop.run(session);
    assert.deepEqual(loop.health().gold.hoursRestated, ["2024-03-10/10"]);
    const before = gold;
    gold = await readGold(session, home.lake);
    assertGoldEquals(gold, computeKpiMinutes([...early, ...late]));
    const hour11 = (rows: typeof gold) => rows.filter((r) => (r.window_start as Date).getTime() >= at(11, 0));
    assert.deepEqual(hour11(gold), hour11(before), "hour 11 was not rewritten");
    assert.ok(
      gold
        .filter((r) => (r.window_start as Date).getTime() < at(11, 0))
        .every((r) => (r.updated_at as Date).getTime() === clock),
    );

    const hours = [{ date: "2024-03-10", hour: 10 }];
    await restateGold(session, home.lake, lakeStore(home.config), hours, { nowMs: clock + 1_000 });
    const once = await readGold(session, home.lake);
    await restateGold(session, home.lake, lakeStore(home.config), hours, { nowMs: clock + 2_000 });
    const twice = await readGold(session, home.lake);
    assert.deepEqual(withoutUpdatedAt(twice), withoutUpdatedAt(once), "restating twice changes nothing");
    assert.deepEqual(withoutUpdatedAt(twice), withoutUpdatedAt(gold));
  });

  it("two restatements of the same hours at once both land (a write that loses its commit is made again)", {
    timeout: 240_000,
  }, async () => {
    const home = tempHome("gold-writer-");
    homes.push(home);
    const events = makeEvents("both", at(9, 58), 60, 4_000); // 09:58 .. 10:02
    await appendSilver(session, home, events);
    const other = await SparkSession.connect(
      `${loadConfig().spark.remote.replace(/\/$/, "")}/;user_id=gold-writer-test-2`,
    );
    try {
      const hours = [
        { date: "2024-03-10", hour: 9 },
        { date: "2024-03-10", hour: 10 },
      ];
      const nowMs = at(13, 0);
      await restateGold(session, home.lake, lakeStore(home.config), hours, { nowMs });
      const results = await Promise.all(
        [session, other].map((s) => restateGold(s, home.lake, lakeStore(home.config), hours, { nowMs })),
      );
      for (const r of results) assert.equal(r.rows, computeKpiMinutes(events).length);
      assertGoldEquals(await readGold(session, home.lake), computeKpiMinutes(events));
    } finally {
      await other.close();
    }
  });

  it("a gold table missing beside saved state (added since) is filled for every hour", {
    timeout: 240_000,
  }, async () => {
    const home = tempHome("gold-writer-");
    homes.push(home);
    const clock = at(13, 0);
    const loop = createGoldLoop({ config: home.config, lake: home.lake, logger }, { now: () => clock });
    await appendSilver(session, home, makeEvents("m", at(10, 57), 60, 4_000)); // 10:57 .. 11:01
    await loop.run(session);
    const products = goldTableSpecs(home.lake).product_hour;
    rmSync(fileURLToPath(products.uri), { recursive: true, force: true });
    await loop.run(session);
    assert.deepEqual(loop.health().gold.hoursRestated, ["2024-03-10/10", "2024-03-10/11"]);
    const { frame } = await readTable(session, lakeStore(home.config), products);
    assert.ok(frame && (await frame.count()) > 0, "product_hour written again");
  });

  it("closes the last minutes when no new events arrive", { timeout: 180_000 }, async () => {
    const home = tempHome("gold-writer-");
    homes.push(home);
    let clock = at(12, 30);
    const loop = createGoldLoop({ config: home.config, lake: home.lake, logger }, { now: () => clock });
    await loop.run(session); // no silver yet: nothing to do, no error
    assert.equal(loop.health().gold.lastRestatementAt, null);

    const events = makeEvents("c", at(12, 28, 10), 24, 5_000); // 12:28:10 .. 12:30:05
    await appendSilver(session, home, events);
    await loop.run(session);
    let gold = await readGold(session, home.lake);
    assertGoldEquals(gold, computeKpiMinutes(events));
    const finalOf = (rows: typeof gold) =>
      rows.map((r) => [(r.window_start as Date).toISOString().slice(11, 16), r.is_final]);
    // now - watermark = 12:29: only the minute ending by then is final
    assert.deepEqual(finalOf(gold), [
      ["12:28", true],
      ["12:29", false],
      ["12:30", false],
    ]);
    assert.deepEqual(loop.health().gold.pendingHours, {
      "2024-03-10/12": new Date(at(12, 31)).toISOString(),
    });

    clock = at(12, 30, 59);
    await loop.run(session);
    assert.equal(loop.health().gold.lastRestatementAt, new Date(at(12, 30)).toISOString(), "not due yet");

    clock = at(12, 31);
    await loop.run(session);
    gold = await readGold(session, home.lake);
    assert.deepEqual(finalOf(gold), [
      ["12:28", true],
      ["12:29", true],
      ["12:30", false],
    ]);
    assert.deepEqual(loop.health().gold.pendingHours, {
      "2024-03-10/12": new Date(at(12, 32)).toISOString(),
    });

    clock = at(12, 32, 1);
    await loop.run(session);
    gold = await readGold(session, home.lake);
    assert.ok(gold.every((r) => r.is_final === true));
    // Every minute is final; the hour stays pending for its sessions, provisional until their
    // gap (30 minutes) has passed since the last event (12:30:05).
    assert.deepEqual(loop.health().gold.pendingHours, {
      "2024-03-10/12": new Date(at(13, 0, 5)).toISOString(),
    });
    assertGoldEquals(gold, computeKpiMinutes(events));

    clock = at(13, 0, 5);
    await loop.run(session);
    assert.deepEqual(loop.health().gold.hoursRestated, ["2024-03-10/12"]);
    assert.deepEqual(loop.health().gold.pendingHours, {});
    const sessions = await session.read
      .format("delta")
      .load(goldTableSpecs(home.lake).sessions.uri)
      .collect();
    assert.equal(sessions.length, 5);
    assert.ok(sessions.every((r) => r.is_final === true));
  });
});
