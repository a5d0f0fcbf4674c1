import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { reconcile } from "@ecomstream/reconcile";
import { loadConfig } from "@ecomstream/runtime";
import { SparkSession } from "@ecomstream/spark-connect";
import { runEcom } from "@ecomstream/testkit";
import { ecomOk, type PipelinePlatform, privatePlatform, readManifest } from "./pipeline-platform.js";

const pidOf = (home: string, name: string) =>
  Number(readFileSync(join(home, "run", `${name}.pid`), "utf8").trim());

async function health(
  port: number,
): Promise<{ queries: Array<{ name: string; adopted: boolean; phase: string }> }> {
  const response = await fetch(`http://127.0.0.1:${port}/health`);
  return (await response.json()) as { queries: Array<{ name: string; adopted: boolean; phase: string }> };
}

// @runs-alone: it kills the Spark server every test of the run shares
describe("the pipeline survives kill -9 of a writer and of Spark Connect (slow)", () => {
  let platform: PipelinePlatform;

  before(async () => {
    platform = await privatePlatform();
    await ecomOk(platform, ["up"]);
  });

  after(async () => {
    if (platform) await ecomOk(platform, ["down", "--purge"]);
  });

  it("reconciles after the silver writer and then the Spark server are killed mid-stream", async () => {
    const generating = ecomOk(platform, [
      "generate",
      "--count",
      "9000",
      "--rate",
      "450",
      "--seed",
      "99",
      "--manifest",
      platform.manifestPath,
      "--no-progress",
    ]);

    await sleep(6000);
    process.kill(pidOf(platform.home, "silver-writer"), "SIGKILL");
    await ecomOk(platform, ["up"]);
    const silver = await health(platform.config.pipeline.ports.silver);
    assert.ok(
      silver.queries.every((q) => q.adopted && q.phase === "running"),
      `the restarted silver writer adopts its running queries: ${JSON.stringify(silver.queries)}`,
    );

    await sleep(4000);
    const shared = loadConfig();
    process.kill(pidOf(shared.home, "spark-connect"), "SIGKILL");
    await sleep(1000);
    const restarted = await runEcom(["up", "--only", "spark-connect"]);
    assert.equal(restarted.code, 0, restarted.stderr);

    await generating;
    const manifest = readManifest(platform);
    await ecomOk(platform, ["reconcile", "--wait", "300"], 360_000);
    const spark = await SparkSession.connect(platform.config.spark.remote);
    try {
      const report = await reconcile(spark, platform.config);
      assert.equal(report.ok, true);
      assert.equal(report.counts.bronze, manifest.expected.bronzeRecords);
      assert.equal(report.counts.silver, manifest.expected.silverRows);
      assert.equal(
        report.counts.silverDistinctIds,
        manifest.expected.silverRows,
        "no duplicate event_id in silver",
      );
      assert.equal(report.duplicates, manifest.expected.droppedDuplicates);
    } finally {
      await spark.close();
    }
  });
});
