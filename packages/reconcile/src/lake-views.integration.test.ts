import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { ensureDeltaTable, lakeStore } from "@ecomstream/lake";
import { layerSpecs } from "@ecomstream/lake-model";
import { SparkSession } from "@ecomstream/spark-connect";
import { type TempHome, tempHome } from "@ecomstream/testkit";
import { registerLakeViews, views } from "./lake-views.js";

/** Appends `n` bronze rows (offsets from `first`) as one Delta commit. */
async function appendBronze(session: SparkSession, home: TempHome, first: number, n: number): Promise<void> {
  const spec = layerSpecs(home.lake).bronze;
  await ensureDeltaTable(session, lakeStore(home.config), spec);
  const frame = await session.sql(
    "SELECT CAST(NULL AS STRING) AS key, 'v' AS value, 't' AS topic, 0 AS partition, " +
      `CAST(id AS BIGINT) AS offset, TIMESTAMP'2026-11-25 07:00:00' AS kafka_timestamp, ` +
      "TIMESTAMP'2026-11-25 07:00:00' AS ingest_ts, DATE'2026-11-25' AS ingest_date, 7 AS hour " +
      `FROM range(${first}, ${first + n})`,
  );
  await frame.write.format("delta").mode("append").save(spec.uri);
}

const count = async (session: SparkSession, view: string) =>
  Number((await (await session.sql(`SELECT count(*) AS n FROM ${view}`)).collect())[0]?.n);

describe("registerLakeViews: the lake's Delta tables as temp views", { timeout: 300_000 }, () => {
  let home: TempHome;
  let session: SparkSession;
  before(async () => {
    home = tempHome("ecom-lake-views-");
    session = await SparkSession.connect(home.config.spark.remote);
  });
  after(async () => {
    await session?.close();
    home?.remove();
  });

  it("a table with commits is its snapshot at registration; one without is an empty view of its columns", async () => {
    await appendBronze(session, home, 0, 3);
    assert.deepEqual(await registerLakeViews(session, home.config), {
      bronze: true,
      silver: false,
      quarantine: false,
      gold: false,
    });
    assert.equal(await count(session, views.bronze), 3);
    assert.equal(await count(session, views.silver), 0);
    const silverColumns = (await (await session.sql(`SELECT * FROM ${views.silver}`)).schema()).fields.map(
      (f) => f.name,
    );
    assert.ok(
      silverColumns.includes("event_id") && silverColumns.includes("event_date"),
      silverColumns.join(),
    );
    // a commit after registration is not seen by the views: every query of a pass reads one snapshot
    await appendBronze(session, home, 3, 2);
    assert.equal(await count(session, views.bronze), 3, "the view is pinned to its version");
    // ... and is seen once the views are registered again
    await registerLakeViews(session, home.config);
    assert.equal(await count(session, views.bronze), 5);
  });
});
