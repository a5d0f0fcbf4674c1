import assert from "node:assert/strict";
import { existsSync, mkdirSync, rmSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import { createLogger, loadConfig } from "@ecomstream/runtime";
import { SparkSession } from "@ecomstream/spark-connect";
import { checkLoopRecovers } from "@ecomstream/stage";
import { type TempHome, tempHome } from "@ecomstream/testkit";
import { createGoldLoop, goldStateFile } from "./gold-loop.js";

describe("gold-writer's restatement loop: a failed pass is retried, the loop goes on", {
  timeout: 120_000,
}, () => {
  let session: SparkSession;
  let home: TempHome;

  before(async () => {
    session = await SparkSession.connect(
      `${loadConfig().spark.remote.replace(/\/$/, "")}/;user_id=gold-loop-retry-test`,
    );
    home = tempHome("gold-writer-", { ECOM_GOLD_TRIGGER: "1 second" });
  });
  after(async () => {
    await session?.close();
    home?.remove();
  });

  it("fails while its state cannot be saved, then passes again without help", async () => {
    const file = goldStateFile(home.config.home);
    mkdirSync(file, { recursive: true }); // a folder where the state file goes: every save fails
    const loop = createGoldLoop({
      config: home.config,
      lake: home.lake,
      logger: createLogger("gold-loop-test"),
    });
    const { failing, recovered } = await checkLoopRecovers(
      loop,
      session,
      createLogger("gold-loop-test"),
      async () => rmSync(file, { recursive: true }),
    );
    assert.match(failing.lastError ?? "", /EISDIR|directory/i);
    assert.equal(recovered.consecutiveFailures, 0);
    assert.ok(existsSync(file), "a later pass saved the state");
    assert.notEqual(loop.health().gold.lastRunAt, null);
  });
});
