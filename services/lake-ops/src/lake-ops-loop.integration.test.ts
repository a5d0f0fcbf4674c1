import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { ensureDeltaTable, lakeStore, tableHealth } from "@ecomstream/lake";
import { hourOf, hourStartMs, layerSpecs, utcDateHour } from "@ecomstream/lake-model";
import { createLogger } from "@ecomstream/runtime";
import { SparkSession } from "@ecomstream/spark-connect";
import { type TempDatabase, type TempHome, tempDatabase, tempHome } from "@ecomstream/testkit";
import { createLakeOpsLoop } from "./lake-ops-loop.js";

describe("the lake-ops loop (Spark, Postgres)", () => {
  let session: SparkSession;
  let home: TempHome;
  let db: TempDatabase;

  before(async () => {
    db = await tempDatabase("ecom_lakeops_test");
    home = tempHome("ecom-lakeops-", {
      ECOM_DATABASE_URL: db.url,
      ECOM_COMPACT_CLOSED_AFTER: "0 seconds",
      ECOM_COMPACT_EVERY: "10 minutes",
    });
    session = await SparkSession.connect(home.config.spark.remote);
  });
  after(async () => {
    await session?.close();
    home?.remove();
    await db?.drop();
  });

  it("compacts bronze's closed hours, and writes lake health to serving", async () => {
    const spec = layerSpecs(home.lake).bronze;
    const store = lakeStore(home.config);
    // bronze rows of two closed hours, written by 16 tasks: a small file per task and hour
    const base = hourStartMs(hourOf(Date.now() - 4 * 3_600_000));
    await ensureDeltaTable(session, store, spec);
    const df = await session.sql(
      "SELECT CAST(id AS STRING) AS key, '{}' AS value, 't' AS topic, CAST(id % 6 AS INT) AS partition, " +
        "id AS offset, kafka_timestamp, kafka_timestamp AS ingest_ts, " +
        `${utcDateHour("kafka_timestamp", "ingest_date", "hour").join(", ")} FROM (` +
        `SELECT id, timestamp_millis(${base} + (id % 2) * 3600000 + id) AS kafka_timestamp FROM range(0, 2000, 1, 16))`,
    );
    await df.write.format("delta").mode("append").save(spec.uri);
    const before = await tableHealth(session, store, spec);
    assert.ok(before.files >= 20, `${before.files} small files before`);

    const loop = createLakeOpsLoop({ config: home.config, lake: home.lake, logger: createLogger("test") });
    try {
      await loop.run(session);
      const health = loop.health().lakeOps;
      const bronze = health.lastCompaction.find((r) => r.layer === "bronze");
      assert.equal(bronze?.partitions, 2);
      assert.equal(bronze?.filesBefore, before.files);
      assert.equal(bronze?.rows, 2000);
      assert.ok(health.lastRetentionAt, "retention ran after compaction");

      const rows = await db.pool.query(
        "SELECT layer, files, bytes, partitions, last_compaction FROM serving.lake_table ORDER BY layer",
      );
      const byLayer = new Map(rows.rows.map((r) => [r.layer as string, r]));
      assert.deepEqual([...byLayer.keys()], ["bronze", "gold", "quarantine", "silver"]);
      const after = await tableHealth(session, store, spec);
      assert.equal(Number(byLayer.get("bronze")?.files), after.files);
      assert.equal(after.files, 2);
      assert.equal(Number(byLayer.get("bronze")?.bytes), after.bytes);
      assert.equal(byLayer.get("bronze")?.partitions, 2);
      assert.equal(byLayer.get("bronze")?.last_compaction.filesBefore, before.files);
      assert.equal(Number(byLayer.get("silver")?.files), 0);
      const partitions = await db.pool.query(
        "SELECT files, compacted FROM serving.lake_partition WHERE layer = 'bronze' ORDER BY hour",
      );
      assert.deepEqual(
        partitions.rows.map((r) => [r.files, r.compacted]),
        [
          [1, true],
          [1, true],
        ],
      );

      // The next run within ECOM_COMPACT_EVERY only refreshes health.
      const at = health.lastCompactionAt;
      await loop.run(session);
      assert.equal(loop.health().lakeOps.lastCompactionAt, at);
    } finally {
      await loop.stop?.();
    }
  });
});
