import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { loadConfig } from "@ecomstream/runtime";
import pg from "pg";
import { runEcom } from "./testing/run-ecom.js";

const config = loadConfig();

describe("the embedded runtime, seen by clients no one here wrote", () => {
  it("./ecom status probes the infrastructure as healthy and the services (not started here) as down", async () => {
    const result = await runEcom(["status"], { ECOM_GENERATOR_RATE: "1" });
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
