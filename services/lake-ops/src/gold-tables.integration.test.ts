import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { ensureDeltaTable, lakeStore } from "@ecomstream/lake";
import { goldTableSpecs, hourOf } from "@ecomstream/lake-model";
import { SparkSession } from "@ecomstream/spark-connect";
import { type TempDatabase, type TempHome, tempDatabase, tempHome } from "@ecomstream/testkit";
import { compactLake } from "./compact-lake.js";
import { retainLake } from "./retain-lake.js";

const day = 86_400_000;

describe("lake-ops over gold's breakdown tables (Spark, Postgres)", { timeout: 300_000 }, () => {
  let session: SparkSession;
  let home: TempHome;
  let db: TempDatabase;

  before(async () => {
    db = await tempDatabase("ecom_lakeops_gold_test");
    home = tempHome("ecom-lakeops-gold-", { ECOM_DATABASE_URL: db.url, ECOM_RETENTION_GOLD: "2 days" });
    session = await SparkSession.connect(home.config.spark.remote);
  });
  after(async () => {
    await session?.close();
    home?.remove();
    await db?.drop();
  });

  it("retention drops kpi_dim_minute's hours older than gold's age; compaction lists both tables", async () => {
    const spec = goldTableSpecs(home.lake).kpi_dim_minute;
    await ensureDeltaTable(session, lakeStore(home.config), spec);
    const nowMs = Date.now();
    const minute = (t: number) => Math.floor(t / 60_000) * 60_000;
    const rows = [minute(nowMs - 10 * day), minute(nowMs - 3_600_000)].map((t) => {
      const h = hourOf(t);
      return `(timestamp_millis(${t}), 'country', 'NL', 3L, DATE'${h.date}', ${h.hour})`;
    });
    const frame = await session.sql(
      "SELECT window_start, window_start + INTERVAL 1 MINUTE AS window_end, dimension, dimension_value, events, " +
        `event_date, hour FROM VALUES ${rows.join(", ")} AS t(window_start, dimension, dimension_value, events, event_date, hour)`,
    );
    await frame.write.format("delta").mode("append").save(spec.uri);

    const retained = await retainLake(session, lakeStore(home.config), home.config, db.pool, {
      dryRun: false,
      nowMs,
    });
    const old = hourOf(nowMs - 10 * day);
    assert.deepEqual(retained.goldTables.kpi_dim_minute.partitions, [
      `${old.date}/${String(old.hour).padStart(2, "0")}`,
    ]);
    assert.deepEqual(retained.goldTables.product_hour.partitions, [], "no table yet: nothing to drop");
    assert.deepEqual(retained.goldTables.sessions.partitions, [], "no table yet: nothing to drop");
    const left = await (
      await session.sql(`SELECT unix_millis(window_start) AS t FROM delta.\`${spec.uri}\``)
    ).collect();
    assert.deepEqual(
      left.map((r) => Number(r.t)),
      [minute(nowMs - 3_600_000)],
    );

    const reports = await compactLake(session, lakeStore(home.config), home.config, { layers: ["gold"] });
    assert.deepEqual(
      reports.map((r) => r.layer),
      ["gold", "gold_kpi_dim_minute", "gold_product_hour", "gold_sessions"],
    );
  });
});
