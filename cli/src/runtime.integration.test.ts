import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { loadConfig } from "@ecomstream/runtime";
import { freePort, runEcom } from "@ecomstream/testkit";
import pg from "pg";

const config = loadConfig();

/** The ports of the services `./ecom up` starts on top of the runtime. */
const servicePorts = [
  "ECOM_BRONZE_PORT",
  "ECOM_SILVER_PORT",
  "ECOM_GOLD_PORT",
  "ECOM_LOADER_PORT",
  "ECOM_LAKE_OPS_PORT",
  "ECOM_DETECTOR_PORT",
  "ECOM_API_PORT",
  "ECOM_DASHBOARD_PORT",
  "ECOM_CONSOLE_PORT",
] as const;

/**
 * A home of its own on the shared runtime (Kafka, Postgres, Spark Connect), its services on ports
 * nothing listens on: services of the shared home, up or not, are not this home's.
 */
async function privateHome(): Promise<{ env: Record<string, string | undefined>; remove: () => void }> {
  const home = mkdtempSync(join(tmpdir(), "ecom-runtime-"));
  const env: Record<string, string | undefined> = {
    ECOM_HOME: home,
    ECOM_CACHE: config.cache,
    ECOM_SECRETS_DIR: config.postgres.secretsDir,
    ECOM_KAFKA_BOOTSTRAP: config.kafka.bootstrap,
    ECOM_SPARK_REMOTE: config.spark.remote,
    ECOM_DATABASE_URL: config.postgres.url,
    ECOM_DATABASE_READER_URL: undefined,
    ECOM_DATABASE_WRITER_URL: undefined,
    ECOM_LAKE_URI: undefined,
    ECOM_CHECKPOINT_URI: undefined,
    ECOM_API_CORS_ORIGINS: undefined,
    ECOM_GENERATOR_RATE: "1",
  };
  for (const name of servicePorts) env[name] = String(await freePort());
  return { env, remove: () => rmSync(home, { recursive: true, force: true }) };
}

describe("the embedded runtime, seen by clients no one here wrote", () => {
  it("./ecom status probes the infrastructure as healthy and the services (not started here) as down", async () => {
    const own = await privateHome();
    const result = await runEcom(["status"], own.env).finally(own.remove);
    for (const name of ["kafka", "postgres", "spark-connect"]) {
      assert.match(result.stdout, new RegExp(`^${name}\\s+healthy`, "m"), result.stdout);
    }
    assert.match(result.stdout, /^spark-connect\s+healthy.*SELECT 1 ok/m);
    for (const name of [
      "generator",
      "bronze-writer",
      "silver-writer",
      "gold-writer",
      "loader",
      "lake-ops",
      "api",
    ]) {
      assert.match(result.stdout, new RegExp(`^${name}\\s+DOWN`, "m"), result.stdout);
    }
    assert.equal(result.code, 1, "status exits non-zero while something is down");
  });

  it("Kafka's own topic tool describes the raw topic with its partitions", () => {
    const lib = join(config.cache, "kafka", "lib");
    const result = spawnSync(
      "java",
      [
        "-cp",
        `${lib}/*`,
        "org.apache.kafka.tools.TopicCommand",
        "--bootstrap-server",
        config.kafka.bootstrap,
        "--describe",
        "--topic",
        config.topic.name,
      ],
      { encoding: "utf8" },
    );
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, new RegExp(`PartitionCount: ${config.topic.partitions}\\b`));
    const partitions = result.stdout.split("\n").filter((line) => /\bPartition: \d+/.test(line));
    assert.equal(partitions.length, config.topic.partitions);
  });

  it("psql connects and sees the migrated serving schema", async () => {
    const sql = "select count(*) from information_schema.schemata where schema_name = 'serving'";
    if (existsSync("/usr/bin/psql")) {
      const result = spawnSync("psql", [config.postgres.url, "-tAc", sql], { encoding: "utf8" });
      assert.equal(result.status, 0, result.stderr);
      assert.equal(result.stdout.trim(), "1");
    } else {
      const client = new pg.Client(config.postgres.url);
      await client.connect();
      const { rows } = await client.query<{ count: string }>(sql);
      await client.end();
      assert.equal(rows[0]?.count, "1");
    }
  });
});
