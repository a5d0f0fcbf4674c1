import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { kpiMinuteColumns, reasonCodes } from "@ecomstream/contracts";
import { reconcile } from "@ecomstream/reconcile";
import { SparkSession } from "@ecomstream/spark-connect";
import { lakeLayout } from "@ecomstream/stage";
import { ecomOk, type PipelinePlatform, privatePlatform, readManifest } from "./pipeline-platform.js";

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
    assert.equal(report.duplicates, manifest.expected.droppedDuplicates);
    assert.deepEqual(
      Object.fromEntries([...report.counts.quarantineByReason].sort()),
      Object.fromEntries(
        Object.entries(manifest.invalidByReason)
          .filter(([, n]) => n > 0)
          .sort(),
      ),
    );

    const gold = await spark.read.format("parquet").load(lakeLayout(platform.config.lake.uri).gold).collect();
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
  });
});
