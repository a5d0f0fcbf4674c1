import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createLogger } from "@ecomstream/runtime";
import { SparkSession } from "@ecomstream/spark-connect";
import { checkLoopRecovers } from "@ecomstream/stage";
import { freePort, type TempDatabase, type TempHome, tempDatabase, tempHome } from "@ecomstream/testkit";
import { sparkRemote, writeGold } from "./loader.fixture.js";
import { createLoaderLoop } from "./loader-loop.js";

const t0 = Date.UTC(2024, 2, 10, 9, 0);

describe("the loader's loop: a failed pass is retried, the loop goes on", { timeout: 120_000 }, () => {
  let session: SparkSession;
  let home: TempHome;
  let db: TempDatabase;

  before(async () => {
    session = await SparkSession.connect(`${sparkRemote.replace(/\/$/, "")}/;user_id=loader-loop-retry`);
    db = await tempDatabase("ecom_loader_test");
    home = tempHome("loader-", {
      ECOM_DATABASE_URL: db.url,
      ECOM_KPI_TOPIC: `loader-retry-kpi-${Date.now().toString(36)}`,
      ECOM_LOADER_TRIGGER: "1 second",
      ECOM_BRONZE_PORT: String(await freePort()),
      ECOM_SILVER_PORT: String(await freePort()),
      ECOM_GOLD_PORT: String(await freePort()),
    });
  });
  after(async () => {
    await session?.close();
    await db?.drop();
    home?.remove();
  });

  it("fails while its cursors' table is away, then loads gold again without help", async () => {
    await writeGold(session, home.lake, [
      { minuteMs: t0, events: 5, isFinal: true, updatedAtMs: t0 + 90_000 },
    ]);
    await db.pool.query("ALTER TABLE serving.service_state RENAME TO service_state_away");
    const logger = createLogger("loader-loop-retry-test");
    const loop = createLoaderLoop({ config: home.config, lake: home.lake, logger }, { pool: db.writer() });
    try {
      const { failing } = await checkLoopRecovers(loop, session, logger, async () => {
        await db.pool.query("ALTER TABLE serving.service_state_away RENAME TO service_state");
      });
      assert.match(failing.lastError ?? "", /service_state/);
      assert.equal(loop.health().loader.gold.totalWritten, 1);
      const rows = await db.pool.query("SELECT count(*)::int AS n FROM serving.kpi_minute");
      assert.equal(rows.rows[0]?.n, 1);
    } finally {
      await loop.stop();
    }
  });
});
