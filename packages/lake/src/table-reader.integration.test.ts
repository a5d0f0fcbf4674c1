import assert from "node:assert/strict";
import { copyFileSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import {
  type HourKey,
  hourStartMs,
  type LayerSpec,
  layerSpecs,
  parsePartitionKey,
} from "@ecomstream/lake-model";
import { SparkSession } from "@ecomstream/spark-connect";
import { sparkTestContext } from "@ecomstream/testkit";
import { sink, stage } from "./delta-sink.fixture.js";
import { commitVersions, deltaLogUri } from "./delta-table.js";
import { hoursIn } from "./replace-hours.js";
import { type LakeStore, lakeStore } from "./store.js";
import { readTable } from "./table-reader.js";

describe("readTable on a Delta table (Spark)", () => {
  const lake = sparkTestContext("ecom-table-reader-");
  const store = (): LakeStore => lakeStore(lake.home.config);
  let spec: LayerSpec;

  before(() => {
    spec = layerSpecs(lake.home.lake).bronze;
  });

  /** Rows readTable reads (as of `version`), per partition (`ingest_date=…/hour=…`). */
  const readCounts = async (version?: number): Promise<Map<string, number>> => {
    const { frame } = await readTable(lake.session, store(), spec, version === undefined ? {} : { version });
    assert.ok(frame, "the table has a commit");
    await frame.createOrReplaceTempView("table_reader_test");
    const rows = await (
      await lake.session.sql(
        "SELECT ingest_date, hour, count(*) AS n, count(DISTINCT offset) AS ids FROM table_reader_test GROUP BY 1, 2",
      )
    ).collect();
    const counts = new Map<string, number>();
    for (const row of rows) {
      assert.equal(Number(row.n), Number(row.ids), "no row is read twice");
      counts.set(`ingest_date=${String(row.ingest_date)}/hour=${Number(row.hour)}`, Number(row.n));
    }
    return counts;
  };
  const total = (counts: Map<string, number>) => [...counts.values()].reduce((a, b) => a + b, 0);
  const keyOf = (at: HourKey) => `ingest_date=${at.date}/hour=${at.hour}`;

  it("reads no table as undefined: no folder, and parquet files without a Delta log", async () => {
    const missing: LayerSpec = { ...spec, uri: `${lake.home.config.lake.uri}/no_such_table` };
    assert.equal((await readTable(lake.session, store(), missing)).frame, undefined);
    const plain: LayerSpec = { ...spec, uri: `${lake.home.config.lake.uri}/plain_parquet` };
    await (await lake.session.sql("SELECT id FROM range(10)")).write.format("parquet").save(plain.uri);
    assert.equal((await readTable(lake.session, store(), plain)).frame, undefined);
  });

  it("reads the current snapshot, every version back, and a filter", async () => {
    await stage(lake.session, lake.home, 0, 600, 6);
    await sink(lake.session, lake.home, spec.uri); // one Delta commit per staged file
    const committed = await readCounts();
    assert.equal(total(committed), 600, "every committed row is read");
    assert.equal(committed.size, 2, "rows span two hour partitions");

    const versions = await commitVersions(store(), spec.uri);
    assert.ok(versions.length >= 7, `a create and six appends: versions ${versions.join(", ")}`);
    const totals: number[] = [];
    for (const version of versions) totals.push(total(await readCounts(version)));
    assert.equal(totals[0], 0, "the created table is empty");
    assert.equal(totals.at(-1), 600);
    for (let i = 1; i < totals.length; i++) {
      assert.ok(
        totals[i]! > totals[i - 1]!,
        `version ${versions[i]} adds rows to ${versions[i - 1]}: ${totals}`,
      );
    }

    const [older] = [...committed.keys()]
      .map((key) => parsePartitionKey(key)!)
      .sort((a, b) => hourStartMs(a) - hourStartMs(b)) as [HourKey, HourKey];
    const { frame } = await readTable(lake.session, store(), spec, {
      filter: hoursIn([older], "ingest_date"),
    });
    assert.equal(await frame!.count(), committed.get(keyOf(older)), "the filter keeps one partition");
  });

  it("never shows a writer's half-done commit: files without their commit, a log entry still being written", async () => {
    const committed = await readCounts();
    const [, newer] = [...committed.keys()]
      .map((key) => parsePartitionKey(key)!)
      .sort((a, b) => hourStartMs(a) - hourStartMs(b)) as [HourKey, HourKey];
    // a writer has written its data file (Delta writes files first) and is writing its commit file
    const folder = join(fileURLToPath(spec.uri), keyOf(newer));
    const committedName = readdirSync(folder).find((f) => f.endsWith(".parquet"))!;
    const stray = `part-00000-${"f".repeat(8)}-stray.c000.snappy.parquet`;
    copyFileSync(join(folder, committedName), join(folder, stray));
    const next = Math.max(...(await commitVersions(store(), spec.uri))) + 1;
    const logDir = fileURLToPath(deltaLogUri(spec.uri));
    mkdirSync(logDir, { recursive: true });
    writeFileSync(
      join(logDir, `.${String(next).padStart(20, "0")}.json.${process.pid}.tmp`),
      `${JSON.stringify({ add: { path: `${keyOf(newer)}/${stray}`, dataChange: true } })}\n`,
    );
    assert.deepEqual(await readCounts(), committed, "neither the file nor the unfinished commit is read");
  });

  it("shows a concurrent replacement whole or not at all, from another session", async () => {
    const committed = await readCounts();
    const [, newer] = [...committed.keys()]
      .map((key) => parsePartitionKey(key)!)
      .sort((a, b) => hourStartMs(a) - hourStartMs(b)) as [HourKey, HourKey];
    const beforeVersion = Math.max(...(await commitVersions(store(), spec.uri)));
    const writer = await SparkSession.connect(lake.home.config.spark.remote);
    const replacementRows = 50_000;
    let done = false;
    try {
      const rows = await writer.sql(
        "SELECT CAST(id AS STRING) AS key, 'v' AS value, 't' AS topic, CAST(0 AS INT) AS partition, " +
          "id + 1000000 AS offset, timestamp_millis(0) AS kafka_timestamp, timestamp_millis(0) AS ingest_ts, " +
          `DATE'${newer.date}' AS ingest_date, CAST(${newer.hour} AS INT) AS hour ` +
          `FROM range(0, ${replacementRows}, 1, 16)`,
      );
      const writing = rows.write
        .format("delta")
        .mode("overwrite")
        .option("replaceWhere", hoursIn([newer], "ingest_date"))
        .save(spec.uri)
        .finally(() => {
          done = true;
        });
      const seen = new Set<number>();
      while (!done) seen.add((await readCounts()).get(keyOf(newer)) ?? 0);
      await writing;
      seen.add((await readCounts()).get(keyOf(newer)) ?? 0);
      for (const n of seen) {
        assert.ok(n === committed.get(keyOf(newer)) || n === replacementRows, `a read saw ${n} rows`);
      }
      assert.equal((await readCounts()).get(keyOf(newer)), replacementRows, "the replacement is read whole");
      assert.deepEqual(
        await readCounts(beforeVersion),
        committed,
        "and the version before it is still there",
      );
    } finally {
      await writer.close();
    }
  });
});
