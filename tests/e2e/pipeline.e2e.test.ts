import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { DuckDBInstance } from "@duckdb/node-api";
import { kpiMinuteColumns, reasonCodes } from "@ecomstream/contracts";
import { lakeLayout } from "@ecomstream/lake-model";
import { reconcile } from "@ecomstream/reconcile";
import { SparkSession } from "@ecomstream/spark-connect";
import { committedDeltaFiles, mostFilesPerCommitPartition } from "./delta-files.js";
import {
  ecomOk,
  type PipelinePlatform,
  privatePlatform,
  readGold,
  readManifest,
} from "./pipeline-platform.js";

const close = (a: unknown, b: unknown) =>
  (a === null && b === null) || Math.abs(Number(a) - Number(b)) <= 1e-9 * Math.max(1, Math.abs(Number(b)));

describe("the medallion pipeline end to end (slow)", () => {
  let platform: PipelinePlatform;
  let spark: SparkSession;

  before(async () => {
    platform = await privatePlatform();
    await ecomOk(platform, ["up"]);
    spark = await SparkSession.connect(platform.config.spark.remote);
  });

  after(async () => {
    await spark?.close();
    if (platform) await ecomOk(platform, ["down", "--purge"]);
  });

  it("seeded traffic with invalid, duplicate and late records reconciles and matches the manifest", async () => {
    await ecomOk(platform, [
      "generate",
      "--count",
      "6000",
      "--rate",
      "max",
      "--seed",
      "20261125",
      "--invalid-ratio",
      "0.04",
      "--manifest",
      platform.manifestPath,
      "--no-progress",
    ]);
    const manifest = readManifest(platform);
    assert.equal(manifest.records.total, 6000);
    for (const reason of reasonCodes)
      assert.ok((manifest.invalidByReason[reason] ?? 0) > 0, `manifest has ${reason}`);
    assert.ok(manifest.records.duplicates > 0 && manifest.records.late > 0);

    const books = await ecomOk(platform, ["reconcile", "--wait", "240"], 300_000);
    assert.match(books, /bronze \d+ = silver/);

    const report = await reconcile(spark, platform.config);
    assert.equal(report.ok, true);
    assert.equal(report.counts.bronze, manifest.expected.bronzeRecords);
    assert.equal(report.counts.silver, manifest.expected.silverRows);
    const counted = JSON.parse(
      await ecomOk(platform, [
        "sql",
        "SELECT (SELECT count(*) FROM silver) AS silver, (SELECT count(*) FROM bronze) AS bronze",
        "--format",
        "json",
      ]),
    ) as Array<{ silver: number; bronze: number }>;
    assert.deepEqual(counted, [{ silver: report.counts.silver, bronze: report.counts.bronze }]);
    assert.equal(report.duplicates, manifest.expected.droppedDuplicates);
    assert.deepEqual(
      Object.fromEntries([...report.counts.quarantineByReason].sort()),
      Object.fromEntries(
        Object.entries(manifest.invalidByReason)
          .filter(([, n]) => n > 0)
          .sort(),
      ),
    );

    const gold = await readGold(spark, platform.config);
    const byMinute = new Map(gold.map((row) => [new Date(row.window_start as Date).toISOString(), row]));
    assert.equal(byMinute.size, manifest.kpiMinute.length, "gold has one row per expected minute");
    for (const expected of manifest.kpiMinute) {
      const row = byMinute.get(new Date(String(expected.window_start)).toISOString());
      assert.ok(row, `gold has minute ${expected.window_start}`);
      for (const { name } of kpiMinuteColumns) {
        if (name === "window_start" || name === "window_end") continue;
        assert.ok(
          close(row[name], expected[name]),
          `${expected.window_start} ${name}: ${row[name]} vs ${expected[name]}`,
        );
      }
    }

    // A reader no one here wrote: DuckDB over the files each table's Delta log commits.
    const lake = lakeLayout(platform.config.lake.uri);
    // ECOM_WRITE_TASKS (1): a bronze or silver commit writes one file per hour partition, not one per
    // Kafka partition (6) or shuffle partition
    for (const table of [lake.bronze, lake.silver]) {
      const { commits, most } = mostFilesPerCommitPartition(fileURLToPath(table));
      assert.ok(commits > 0 && most === platform.config.pipeline.writeTasks, `${table}: ${most} files`);
    }
    const duck = await (await DuckDBInstance.create(":memory:")).connect();
    const rows = async (sql: string) => (await duck.runAndReadAll(sql)).getRowObjectsJS();
    const listed = async (uri: string) =>
      `[${(await committedDeltaFiles(fileURLToPath(uri), duck)).map((f) => `'${f.replaceAll("'", "''")}'`)}]`;
    const files: Record<string, string> = {};
    for (const [name, uri] of Object.entries({
      bronze: lake.bronze,
      silver: lake.silver,
      quarantine: lake.quarantine,
      gold: lake.gold,
    }))
      files[name] = await listed(uri);
    try {
      const [bronze] = await rows(`select count(*) as n from read_parquet(${files.bronze})`);
      assert.equal(Number(bronze?.n), report.counts.bronze, "DuckDB bronze count");
      const [silver] = await rows(
        `select count(*) as n, count(distinct event_id) as ids from read_parquet(${files.silver})`,
      );
      assert.equal(Number(silver?.n), report.counts.silver, "DuckDB silver count");
      assert.equal(Number(silver?.ids), report.counts.silver, "DuckDB silver event_ids are unique");
      const quarantine = await rows(
        `select reason, count(*) as n from read_parquet(${files.quarantine}) group by reason`,
      );
      assert.deepEqual(
        Object.fromEntries(quarantine.map((r) => [String(r.reason), Number(r.n)]).sort()),
        Object.fromEntries([...report.counts.quarantineByReason].sort()),
        "DuckDB quarantine by reason",
      );
      const [goldDuck] = await rows(
        `select count(*) as n, sum(purchases) as purchases from read_parquet(${files.gold})`,
      );
      assert.equal(Number(goldDuck?.n), manifest.kpiMinute.length, "DuckDB gold minutes");
      const expectedPurchases = manifest.kpiMinute.reduce((total, m) => total + Number(m.purchases), 0);
      assert.equal(Number(goldDuck?.purchases), expectedPurchases, "DuckDB gold purchases");
    } finally {
      duck.closeSync();
    }
  });
});
