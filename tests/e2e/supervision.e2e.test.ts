import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { isAlive } from "@ecomstream/runtime";
import { freePort, notYet, runEcom, waitFor } from "@ecomstream/testkit";
import {
  deletePlatformTopics,
  ecomOk,
  type PipelinePlatform,
  privateDatabase,
  privatePlatform,
  readManifest,
} from "./pipeline-platform.js";

const pidOf = (home: string, name: string) =>
  Number(readFileSync(join(home, "run", `${name}.pid`), "utf8").trim());

/** Processes whose command line names the home (every daemon ecom starts for it). */
function processesOf(home: string): string[] {
  const result = spawnSync("pgrep", ["-af", home], { encoding: "utf8" });
  return result.stdout.split("\n").filter((line) => line.trim() !== "" && !line.includes("pgrep"));
}

describe("supervision: crashed parts come back without a command (slow)", () => {
  let platform: PipelinePlatform;
  let down = false;
  let database: Awaited<ReturnType<typeof privateDatabase>> | undefined;

  before(async () => {
    platform = await privatePlatform();
    // a Spark Connect server of its own (the one to kill), and a database of its own for the loader
    platform.env.ECOM_SPARK_REMOTE = undefined;
    platform.env.ECOM_SPARK_PORT = String(await freePort());
    platform.env.ECOM_SPARK_DRIVER_MEMORY = "1g";
    database = await privateDatabase(platform, "supervision");
    await ecomOk(platform, ["up"], 400_000);
  });

  after(async () => {
    if (platform) {
      if (!down) await runEcom(["down"], platform.env);
      await runEcom(["down", "--purge"], platform.env);
      await deletePlatformTopics(platform);
    }
    await database?.drop();
  });

  it("kill -9 of the Spark server and the silver writer: both restarted, books balance, down stops supervision", async () => {
    const { home } = platform;
    const supervisor = pidOf(home, "supervisor");
    assert.ok(isAlive(supervisor), "up starts the supervisor");
    const generating = ecomOk(platform, [
      "generate",
      "--count",
      "3000",
      "--rate",
      "50",
      "--seed",
      "17",
      "--manifest",
      platform.manifestPath,
      "--no-progress",
    ]);
    await sleep(8000);
    const killed = { spark: pidOf(home, "spark-connect"), silver: pidOf(home, "silver-writer") };
    process.kill(killed.spark, "SIGKILL");
    process.kill(killed.silver, "SIGKILL");

    // no command: the supervisor brings both back, and every part serves again
    const status = await waitFor(
      "status healthy with both parts restarted",
      async () => {
        const run = await runEcom(["status"], platform.env);
        const restarted = ["spark-connect", "silver-writer"].every((name) =>
          new RegExp(`^${name}\\s+healthy\\s.*\\s\\d+ \\(last \\d\\d:\\d\\d:\\d\\d UTC\\)$`, "m").test(
            run.stdout,
          ),
        );
        return run.code === 0 && restarted
          ? { stdout: run.stdout }
          : notYet(`exit ${run.code}:\n${run.stdout}`);
      },
      300_000,
      3000,
    );
    assert.match(status.stdout, new RegExp(`^supervisor: running \\(pid ${supervisor}\\)`, "m"));
    assert.notEqual(pidOf(home, "spark-connect"), killed.spark);
    assert.notEqual(pidOf(home, "silver-writer"), killed.silver);
    const restarts = JSON.parse(readFileSync(join(home, "run", "restarts.json"), "utf8")) as Record<
      string,
      { count: number; lastExit: string }
    >;
    assert.match(
      restarts["spark-connect"]?.lastExit ?? "",
      new RegExp(`^spark-connect pid ${killed.spark} gone`),
    );
    assert.match(
      restarts["silver-writer"]?.lastExit ?? "",
      new RegExp(`^silver-writer pid ${killed.silver} gone`),
    );

    await generating;
    assert.equal(readManifest(platform).records.total, 3000);
    await ecomOk(platform, ["reconcile", "--wait", "180"], 300_000);

    // down stops the supervisor first: nothing it stopped comes back
    await ecomOk(platform, ["down"], 180_000);
    down = true;
    assert.equal(isAlive(supervisor), false, "down stops the supervisor");
    assert.equal(existsSync(join(home, "run", "supervisor.pid")), false);
    await sleep(6000); // longer than the supervisor's look (2 s) plus its first delay (1 s)
    assert.deepEqual(processesOf(home), [], "no part of the platform runs after down");
  });
});
