import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { configVariables, loadConfig, platformSettings } from "./config.js";
import { configAsEnv } from "./config-env.js";
import { ConfigError } from "./errors.js";

describe("loadConfig", () => {
  it("uses embedded defaults when no endpoint is set", () => {
    const config = loadConfig({});
    assert.equal(config.kafka.embedded, true);
    assert.equal(config.kafka.bootstrap, "localhost:9092");
    assert.equal(config.spark.remote, "sc://localhost:15002");
    assert.equal(config.postgres.embedded, true);
    assert.match(config.lake.uri, /^file:\/\/.*\/\.ecom\/lake$/);
    assert.equal(config.topic.partitions, 6);
    assert.equal(config.pipeline.ports.loader, 9104);
    assert.equal(config.pipeline.loaderTrigger, "5 seconds");
  });

  it("treats a set endpoint as external and follows port overrides for embedded ones", () => {
    const config = loadConfig({
      ECOM_KAFKA_BOOTSTRAP: "broker-a:9092,broker-b:9092",
      ECOM_SPARK_PORT: "25002",
      ECOM_DATABASE_URL: "postgres://u:p@db.example:5432/shop",
    });
    assert.equal(config.kafka.embedded, false);
    assert.equal(config.kafka.bootstrap, "broker-a:9092,broker-b:9092");
    assert.equal(config.spark.embedded, true);
    assert.equal(config.spark.remote, "sc://localhost:25002");
    assert.equal(config.postgres.embedded, false);
    assert.equal(config.postgres.url, "postgres://u:p@db.example:5432/shop");
  });

  it("reports every bad variable at once, each by name", () => {
    const bad = {
      ECOM_KAFKA_PORT: "ninety",
      ECOM_SPARK_REMOTE: "http://spark:15002",
      ECOM_LAKE_URI: "ftp://lake",
      ECOM_TOPIC_PARTITIONS: "0",
      ECOM_SPARK_DRIVER_MEMORY: "lots",
      ECOM_LOADER_PORT: "70000",
      ECOM_LOADER_TRIGGER: "often",
    };
    assert.throws(
      () => loadConfig(bad),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        const names = Object.keys(bad).filter((name) => error.problems.some((p) => p.startsWith(`${name}=`)));
        assert.deepEqual(names, Object.keys(bad));
        return true;
      },
    );
  });

  it("allows the dashboard's origin by default and a list when set", () => {
    assert.deepEqual(loadConfig({ ECOM_DASHBOARD_PORT: "9501" }).api.corsOrigins, [
      "http://localhost:9501",
      "http://127.0.0.1:9501",
    ]);
    const config = loadConfig({ ECOM_API_CORS_ORIGINS: "http://a:1, https://b.example" });
    assert.deepEqual(config.api.corsOrigins, ["http://a:1", "https://b.example"]);
    assert.equal(config.api.rateLimitPerMinute, 1200);
  });

  it("puts lake and checkpoints in the bucket lake with the s3 profile, on the embedded MinIO", () => {
    const config = loadConfig({ ECOM_PROFILE: "s3", ECOM_S3_PORT: "19000" });
    assert.equal(config.lake.uri, "s3a://lake");
    assert.equal(config.checkpoints.uri, "s3a://lake/_checkpoints");
    assert.deepEqual(
      [config.s3.enabled, config.s3.embedded, config.s3.endpoint],
      [true, true, "http://localhost:19000"],
    );
    const external = loadConfig({ ECOM_LAKE_URI: "s3a://shop/lake", ECOM_S3_ENDPOINT: "https://s3.example" });
    assert.deepEqual([external.profile, external.s3.enabled, external.s3.embedded], ["default", true, false]);
    assert.equal(loadConfig({}).s3.enabled, false);
  });

  it("runs three brokers (replication 3, min.insync.replicas 2) and two Spark workers in the cluster profile", () => {
    const config = loadConfig({ ECOM_PROFILE: "cluster", ECOM_KAFKA_PORT: "19092" });
    assert.equal(config.kafka.bootstrap, "localhost:19092,localhost:19094,localhost:19096");
    assert.deepEqual([config.kafka.embedded, config.kafka.brokers], [true, 3]);
    assert.deepEqual([config.topic.replicas, config.topic.minInsyncReplicas], [3, 2]);
    assert.equal(config.spark.workers, 2);
    const single = loadConfig({});
    assert.deepEqual([single.kafka.brokers, single.topic.replicas, single.spark.workers], [1, 1, 0]);
  });

  it("rejects an unknown profile and a short S3 secret, naming the variables", () => {
    assert.throws(
      () => loadConfig({ ECOM_PROFILE: "cloud", ECOM_S3_SECRET_KEY: "short" }),
      (error: Error) => /ECOM_PROFILE=cloud/.test(error.message) && /ECOM_S3_SECRET_KEY/.test(error.message),
    );
  });

  it("keeps files a lake table no longer references a day for VACUUM, and has no sink log retention", () => {
    const lakeOps = loadConfig({}).lakeOps;
    assert.equal(lakeOps.grace, "24 hours");
    assert.equal(loadConfig({ ECOM_LAKE_GRACE: "2 hours" }).lakeOps.grace, "2 hours");
    assert.ok(!("sinkLogRetention" in lakeOps), "Delta sinks take no sink log retention");
  });

  it("round-trips through the export lines of ./ecom env", () => {
    const first = loadConfig({ ECOM_API_PORT: "18000", ECOM_LAKE_URI: "s3a://lake" });
    const again = loadConfig(Object.fromEntries(configAsEnv(first)));
    // the embedded endpoints printed by `./ecom env` keep meaning embedded
    assert.deepEqual(again, first);
  });

  it("documents every variable it exports, each once", () => {
    const documented = configVariables.map(([name]) => name);
    assert.equal(new Set(documented).size, documented.length, "a variable listed twice");
    for (const [name] of configAsEnv(loadConfig({})))
      assert.ok(documented.includes(name), `${name} undocumented`);
    assert.deepEqual(
      configAsEnv(loadConfig({ ECOM_DATABASE_READER_URL: "postgres://r:p@db/shop" })).map(([name]) => name),
      documented.filter((name) => name !== "ECOM_DATABASE_WRITER_URL"),
      "every variable is exported in the table's order, an unset login not",
    );
  });

  it("puts each entry's value where the table says, and nowhere else", () => {
    const config = loadConfig({});
    const leaves = (node: object, prefix = ""): string[] =>
      Object.entries(node).flatMap(([key, value]) =>
        value !== null && typeof value === "object" && !Array.isArray(value)
          ? leaves(value, `${prefix}${key}.`)
          : [`${prefix}${key}`],
      );
    assert.deepEqual(leaves(config).sort(), platformSettings.map((entry) => entry.at).sort());
  });

  it("reads each variable given alone back from its export line", () => {
    const given: Record<string, string> = {
      ECOM_TOPIC: "shop.raw",
      ECOM_PROFILE: "cluster",
      ECOM_COMPACT_EVERY: "3 minutes",
      ECOM_API_CACHE_MB: "0",
      ECOM_BIND_ADDRESS: "0.0.0.0",
      ECOM_SECRETS_DIR: "/var/ecom/secrets",
    };
    for (const [name, value] of Object.entries(given)) {
      const exported = new Map(configAsEnv(loadConfig({ [name]: value })));
      assert.equal(exported.get(name as never), value, name);
    }
  });
});
