import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { loadConfig } from "@ecomstream/runtime";
import { freePort, runEcom } from "@ecomstream/testkit";

const config = loadConfig();
const kafkaLib = join(config.cache, "kafka", "lib");

/** Kafka's own console tools: clients no one here wrote. */
function kafkaTool(main: string, args: string[], input?: string) {
  return spawnSync("java", ["-cp", `${kafkaLib}/*`, main, ...args], {
    encoding: "utf8",
    input,
    timeout: 60_000,
  });
}

function processesOf(home: string): string[] {
  const result = spawnSync("pgrep", ["-af", home], { encoding: "utf8" });
  return result.stdout.split("\n").filter((line) => line.trim() !== "" && !line.includes("pgrep"));
}

describe("ecom up / down (slow, end to end)", () => {
  it("down leaves no process behind and up again keeps the topic's data", async () => {
    const home = mkdtempSync(join(tmpdir(), "ecom-updown-"));
    chmodSync(home, 0o755);
    const port = await freePort();
    const env = {
      ECOM_HOME: home,
      ECOM_CACHE: config.cache,
      // lake and checkpoints under this home, not those of the runtime `./ecom test` exports
      ECOM_LAKE_URI: undefined,
      ECOM_CHECKPOINT_URI: undefined,
      // no generator: the topic must hold only what this test writes
      ECOM_GENERATOR_RATE: "0",
      ECOM_KAFKA_BOOTSTRAP: undefined,
      ECOM_KAFKA_PORT: String(port),
      ECOM_KAFKA_CONTROLLER_PORT: String(await freePort()),
      ECOM_SPARK_REMOTE: config.spark.remote.replace("localhost", "127.0.0.1"),
      ECOM_DATABASE_URL: config.postgres.url.replace("localhost", "127.0.0.1"),
      ECOM_SECRETS_DIR: config.postgres.secretsDir,
    };
    const bootstrap = `localhost:${port}`;
    try {
      const up = await runEcom(["up"], env);
      assert.equal(up.code, 0, `${up.stdout}\n${up.stderr}`);
      assert.match(up.stdout, new RegExp(`kafka\\s+healthy\\s+embedded\\s+${bootstrap}`));

      const records = ["alpha", "beta", "gamma", "delta", "epsilon"];
      const produced = kafkaTool(
        "org.apache.kafka.tools.ConsoleProducer",
        ["--bootstrap-server", bootstrap, "--topic", config.topic.name],
        `${records.join("\n")}\n`,
      );
      assert.equal(produced.status, 0, produced.stderr);

      const down = await runEcom(["down"], env);
      assert.equal(down.code, 0, down.stderr);
      assert.deepEqual(processesOf(home), []);
      const status = await runEcom(["status"], env);
      assert.notEqual(status.code, 0, "status must fail while Kafka is down");

      const again = await runEcom(["up"], env);
      assert.equal(again.code, 0, `${again.stdout}\n${again.stderr}`);
      const consumed = kafkaTool("org.apache.kafka.tools.consumer.ConsoleConsumer", [
        "--bootstrap-server",
        bootstrap,
        "--topic",
        config.topic.name,
        "--from-beginning",
        "--max-messages",
        String(records.length),
        "--timeout-ms",
        "30000",
      ]);
      assert.equal(consumed.status, 0, consumed.stderr);
      assert.deepEqual(consumed.stdout.trim().split("\n").sort(), [...records].sort());
    } finally {
      await runEcom(["down", "--purge"], env);
    }
    assert.deepEqual(processesOf(home), []);
  });
});
