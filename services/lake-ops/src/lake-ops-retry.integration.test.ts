import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createLogger } from "@ecomstream/runtime";
import { SparkSession } from "@ecomstream/spark-connect";
import { checkLoopRecovers } from "@ecomstream/stage";
import { type TempDatabase, type TempHome, tempDatabase, tempHome } from "@ecomstream/testkit";
import { createLakeOpsLoop } from "./lake-ops-loop.js";

describe("the lake-ops loop: a failed pass is retried, the loop goes on", { timeout: 120_000 }, () => {
  let session: SparkSession;
  let home: TempHome;
  let db: TempDatabase;

  before(async () => {
    db = await tempDatabase("ecom_lakeops_test");
    home = tempHome("ecom-lakeops-retry-", { ECOM_DATABASE_URL: db.url, ECOM_COMPACT_EVERY: "1 second" });
    session = await SparkSession.connect(
      `${home.config.spark.remote.replace(/\/$/, "")}/;user_id=lake-ops-retry`,
    );
  });
  after(async () => {
    await session?.close();
    home?.remove();
    await db?.drop();
  });

  it("fails while serving.lake_table is away, then writes lake health again without help", async () => {
    await db.pool.query("ALTER TABLE serving.lake_table RENAME TO lake_table_away");
    const logger = createLogger("lake-ops-retry-test");
    const loop = createLakeOpsLoop({ config: home.config, lake: home.lake, logger });
    try {
      const { failing } = await checkLoopRecovers(loop, session, logger, async () => {
        await db.pool.query("ALTER TABLE serving.lake_table_away RENAME TO lake_table");
      });
      assert.match(failing.lastError ?? "", /lake_table/);
      const rows = await db.pool.query("SELECT layer FROM serving.lake_table ORDER BY layer");
      assert.deepEqual(
        rows.rows.map((r) => r.layer),
        ["bronze", "gold", "quarantine", "silver"],
      );
    } finally {
      await loop.stop?.();
    }
  });
});
