import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { reconcile } from "@ecomstream/reconcile";
import { readPid } from "@ecomstream/runtime";
import { SparkSession } from "@ecomstream/spark-connect";
import {
  homeProcesses,
  isLoopbackListener,
  notYet,
  runEcom,
  tcpListeners,
  waitFor,
} from "@ecomstream/testkit";
import { statePaths } from "../../cli/src/state.js";
import { ecomOk, type PipelinePlatform, privatePlatform, readManifest } from "./pipeline-platform.js";

/** SIGKILL a daemon and its children (a worker's executors), as a lost machine would. */
function killHard(platform: PipelinePlatform, name: string): number {
  const pid = readPid(statePaths(platform.config).pid(name));
  assert.ok(pid, `${name} runs`);
  process.kill(-pid, "SIGKILL");
  return pid;
}

describe("the pipeline on the cluster profile, one broker and one Spark worker killed mid-stream (slow)", () => {
  let platform: PipelinePlatform;
  let spark: SparkSession;

  before(async () => {
    platform = await privatePlatform("cluster");
    await ecomOk(platform, ["up"], 900_000);
    spark = await SparkSession.connect(platform.config.spark.remote);
  });

  after(async () => {
    await spark?.close();
    if (platform) {
      await ecomOk(platform, ["down", "--purge"]);
      rmSync(platform.home, { recursive: true, force: true });
    }
  });

  it("listens on loopback only: brokers, Spark server, master, workers and executors", () => {
    const ours = homeProcesses(platform.home);
    const listeners = tcpListeners().filter((l) => l.pids.some((pid) => ours.has(pid)));
    // the processes are found: the master's and the first broker's ports are among their sockets
    for (const port of [platform.config.spark.masterPort, platform.config.kafka.port])
      assert.ok(
        listeners.some((l) => l.port === port),
        `a listener on ${port}`,
      );
    const exposed = listeners
      .filter((l) => !isLoopbackListener(l.address))
      .map((l) => `${l.process} (pid ${l.pids.join(",")}) on ${l.address}:${l.port}`);
    assert.deepEqual(exposed, [], "listeners beyond loopback");
  });

  it("reconciles with nothing lost or doubled after the broker and the worker come back", async () => {
    assert.equal(platform.config.kafka.bootstrap.split(",").length, 3);
    const generating = runEcom(
      [
        "generate",
        "--count",
        "6000",
        "--rate",
        "150",
        "--seed",
        "20261127",
        "--invalid-ratio",
        "0.04",
        "--manifest",
        platform.manifestPath,
        "--no-progress",
      ],
      platform.env,
      600_000,
    );
    await sleep(12_000);
    killHard(platform, "kafka-2");
    killHard(platform, "spark-worker-2");
    // no command: the supervisor brings back kafka-2 and spark-worker-2
    await waitFor(
      "the supervisor's restart of kafka-2 and spark-worker-2",
      async () => {
        const run = await runEcom(["status"], platform.env);
        const back = ["kafka", "spark-connect"].every((name) =>
          new RegExp(`^${name}\\s+healthy\\s.*\\s\\d+ \\(last`, "m").test(run.stdout),
        );
        return back ? true : notYet(run.stdout);
      },
      300_000,
      3000,
    );
    const generated = await generating;
    assert.equal(generated.code, 0, `generator survived the broker loss: ${generated.stderr}`);

    const manifest = readManifest(platform);
    assert.equal(manifest.records.total, 6000);
    const books = await ecomOk(platform, ["reconcile", "--wait", "300"], 360_000);
    assert.match(books, /bronze \d+ = silver/);
    const report = await reconcile(spark, platform.config);
    assert.equal(report.ok, true);
    assert.equal(report.counts.bronze, manifest.expected.bronzeRecords, "nothing lost or doubled in bronze");
    assert.equal(report.counts.silver, manifest.expected.silverRows);
    assert.equal(report.duplicates, manifest.expected.droppedDuplicates);
    const status = await runEcom(["status"], platform.env);
    assert.equal(status.code, 0, `everything healthy again:\n${status.stdout}`);
  });
});
