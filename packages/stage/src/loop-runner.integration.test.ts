import assert from "node:assert/strict";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { createLogger } from "@ecomstream/runtime";
import { SparkSession } from "@ecomstream/spark-connect";
import { freePort, type TempHome, tempHome, until } from "@ecomstream/testkit";
import { Stage, type StageDefinition } from "./stage.js";

interface Health {
  healthy: boolean;
  degraded: boolean;
  degradedReasons?: string[];
  loopPasses: { passes: number; failures: number; consecutiveFailures: number; lastError?: string };
}

/**
 * Every stage loop (loader, gold-writer, lake-ops) runs under the stage's LoopRunner: here a loop
 * whose pass reads a parquet folder through the real Spark server, as theirs read the lake, fails
 * while a file there is not parquet, and goes on by itself once the folder is readable.
 */
describe("stage loop: a failed pass is logged, counted and retried; the loop goes on", {
  timeout: 120_000,
}, () => {
  let home: TempHome;
  let stage: Stage;
  let port: number;
  let folder: string;

  before(async () => {
    port = await freePort();
    home = tempHome("loop-runner-");
    folder = join(home.dir, "table");
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, "part-00000.parquet"), "this is not parquet");
    const definition: StageDefinition = {
      name: "loop-runner-test",
      port: () => port,
      queries: () => [],
      loop: () => ({
        everyMs: 500,
        async run(session) {
          await (await session.sql(`SELECT count(*) AS n FROM parquet.\`${folder}\``)).collect();
        },
      }),
    };
    stage = new Stage(definition, home.config, createLogger("loop-runner-test"));
  });
  after(async () => {
    await stage?.stop();
    home?.remove();
  });

  const health = async () => {
    const response = await fetch(`http://127.0.0.1:${port}/health`);
    return { status: response.status, body: (await response.json()) as Health };
  };
  const metric = async (outcome: string) => {
    const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    const match = new RegExp(`^ecom_stage_loop_passes_total\\{[^}]*outcome="${outcome}"[^}]*\\} (\\d+)`, "m");
    return Number(match.exec(text)?.[1]);
  };

  it("fails while the folder is unreadable, degraded not down, then passes again without help", async () => {
    await stage.start();
    await until("two failed passes", async () => (await health()).body.loopPasses.failures >= 2, 60_000);
    const failing = await health();
    assert.equal(failing.status, 200, "a failing loop is degraded, not down");
    assert.equal(failing.body.healthy, true);
    assert.equal(failing.body.degraded, true);
    assert.match(failing.body.degradedReasons?.join(" ") ?? "", /loop pass failed \d+x in a row/);
    assert.ok((await metric("failed")) >= 2);
    assert.equal(await metric("ok"), 0);

    // the folder becomes readable: a real parquet file written by Spark
    rmSync(folder, { recursive: true, force: true });
    const session = await SparkSession.connect(
      `${home.config.spark.remote.replace(/\/$/, "")}/;user_id=loop-runner-test`,
    );
    try {
      await (await session.sql("SELECT 1 AS x")).write.format("parquet").mode("overwrite").save(folder);
    } finally {
      await session.close();
    }

    await until("two passes after the fix", async () => (await health()).body.loopPasses.passes >= 2, 60_000);
    const recovered = await health();
    assert.equal(recovered.body.degraded, false, JSON.stringify(recovered.body));
    assert.equal(recovered.body.loopPasses.consecutiveFailures, 0);
    assert.ok((await metric("ok")) >= 2);
  });
});
