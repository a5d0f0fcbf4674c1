import { randomBytes } from "node:crypto";
import { chmodSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { lakeLayout } from "@ecomstream/lake-model";
import { type EcomConfig, isPortFree, loadConfig } from "@ecomstream/runtime";
import type { Row, SparkSession } from "@ecomstream/spark-connect";
import { freePort, runEcom } from "@ecomstream/testkit";
import { Admin } from "@platformatic/kafka";
import pg from "pg";

/** What a pipeline test runs against: its own home, topics and service ports on the shared runtime. */
export interface PipelinePlatform {
  env: Record<string, string | undefined>;
  config: EcomConfig;
  home: string;
  manifestPath: string;
}

/**
 * A private platform on the runtime `./ecom test` started: the same Kafka, Spark and Postgres as
 * external endpoints, a fresh home, lake, checkpoints and topics, and free ports for the writers.
 * With the s3 profile the lake lives in a private embedded MinIO, and Spark is a private embedded
 * server too (the shared one has neither hadoop-aws on its classpath nor that MinIO's settings).
 * With the cluster profile, Kafka (three brokers) and Spark (master, two workers) are private too.
 */
export async function privatePlatform(
  profile: "default" | "s3" | "cluster" = "default",
): Promise<PipelinePlatform> {
  const shared = loadConfig();
  const home = mkdtempSync(join(tmpdir(), "ecom-pipeline-"));
  chmodSync(home, 0o755);
  const id = randomBytes(4).toString("hex");
  const env: Record<string, string | undefined> = {
    ECOM_HOME: home,
    ECOM_CACHE: shared.cache,
    ECOM_LAKE_URI: undefined,
    ECOM_CHECKPOINT_URI: undefined,
    ECOM_KAFKA_BOOTSTRAP: shared.kafka.bootstrap.replace("localhost", "127.0.0.1"),
    ECOM_SPARK_REMOTE: shared.spark.remote.replace("localhost", "127.0.0.1"),
    ECOM_DATABASE_URL: shared.postgres.url.replace("localhost", "127.0.0.1"),
    // the shared Postgres's roles keep the passwords the shared home gave them
    ECOM_SECRETS_DIR: shared.postgres.secretsDir,
    ECOM_DATABASE_READER_URL: undefined,
    ECOM_DATABASE_WRITER_URL: undefined,
    ECOM_TOPIC: `e2e.events.${id}`,
    ECOM_KPI_TOPIC: `e2e.kpi.${id}`,
    ECOM_GENERATOR_RATE: "0",
    ECOM_BRONZE_TRIGGER: "1 second",
    ECOM_SILVER_TRIGGER: "1 second",
    ECOM_GOLD_TRIGGER: "2 seconds",
    // sessions close 10 s after their last event, so gold holds no hour pending long after traffic stops
    ECOM_SESSION_GAP: "10 seconds",
    ECOM_BRONZE_PORT: String(await freePort()),
    ECOM_SILVER_PORT: String(await freePort()),
    ECOM_GOLD_PORT: String(await freePort()),
    ECOM_LOADER_PORT: String(await freePort()),
    ECOM_LAKE_OPS_PORT: String(await freePort()),
    ECOM_DETECTOR_PORT: String(await freePort()),
    ECOM_API_PORT: String(await freePort()),
    ECOM_DASHBOARD_PORT: String(await freePort()),
    // derived from the private dashboard port, not inherited from the shared one
    ECOM_API_CORS_ORIGINS: undefined,
    ECOM_CONSOLE_PORT: String(await freePort()),
  };
  if (profile === "s3") {
    Object.assign(env, {
      ECOM_PROFILE: "s3",
      ECOM_S3_ENDPOINT: undefined,
      ECOM_S3_PORT: String(await freePort()),
      ECOM_S3_CONSOLE_PORT: String(await freePort()),
      ECOM_SPARK_REMOTE: undefined,
      ECOM_SPARK_PORT: String(await freePort()),
      ECOM_SPARK_DRIVER_MEMORY: "2g",
      // Spark's own split (a file per Kafka or shuffle partition): the s3 test's one burst then
      // leaves partitions of several files for its compaction, and the option's 0 is exercised
      ECOM_WRITE_TASKS: "0",
    });
  }
  if (profile === "cluster") {
    const kafkaPort = await freePortRun(6);
    Object.assign(env, {
      ECOM_PROFILE: "cluster",
      ECOM_KAFKA_BOOTSTRAP: undefined,
      ECOM_KAFKA_PORT: String(kafkaPort),
      ECOM_KAFKA_CONTROLLER_PORT: String(kafkaPort + 1),
      ECOM_SPARK_REMOTE: undefined,
      ECOM_SPARK_PORT: String(await freePort()),
      ECOM_SPARK_MASTER_PORT: String(await freePort()),
      ECOM_SPARK_DRIVER_MEMORY: "1g",
    });
  }
  const config = loadConfig(
    Object.fromEntries(Object.entries({ ...process.env, ...env }).filter(([, v]) => v !== undefined)),
  );
  return { env, config, home, manifestPath: join(home, "manifest.json") };
}

/** The first of `count` consecutive free ports (the cluster's brokers and controllers). */
async function freePortRun(count: number): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const first = await freePort();
    const ports = Array.from({ length: count }, (_, i) => first + i);
    if (first + count <= 65535 && (await Promise.all(ports.map((p) => isPortFree(p)))).every(Boolean))
      return first;
  }
  throw new Error(`no ${count} consecutive free ports found`);
}

export async function ecomOk(
  platform: PipelinePlatform,
  args: string[],
  timeoutMs?: number,
): Promise<string> {
  const result = await runEcom(args, platform.env, timeoutMs);
  if (result.code !== 0)
    throw new Error(`./ecom ${args.join(" ")} failed (${result.code}):\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

export function readManifest(platform: PipelinePlatform) {
  return JSON.parse(readFileSync(platform.manifestPath, "utf8")) as {
    records: { total: number; invalid: number; duplicates: number; late: number };
    expected: {
      bronzeRecords: number;
      silverRows: number;
      quarantineRows: number;
      droppedDuplicates: number;
    };
    invalidByReason: Record<string, number>;
    kpiMinute: Array<Record<string, unknown>>;
  };
}

/** Gold's rows: one snapshot of the gold Delta table (a restatement is seen whole or not at all). */
export async function readGold(spark: SparkSession, config: EcomConfig): Promise<Row[]> {
  return spark.read.format("delta").load(lakeLayout(config.lake.uri).gold).collect();
}

/** Runs one statement as the shared Postgres's administrator, on its `postgres` database. */
async function asAdministrator(sql: string): Promise<void> {
  const url = new URL(loadConfig().postgres.url.replace("localhost", "127.0.0.1"));
  url.pathname = "/postgres";
  const client = new pg.Client({ connectionString: url.href });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * Gives the platform a database of its own on the shared Postgres (its loader writes serving tables
 * that other tests read): ECOM_DATABASE_URL of its environment and config point there. `drop`
 * removes the database, connections and all.
 */
export async function privateDatabase(
  platform: PipelinePlatform,
  label: string,
): Promise<{ url: string; drop: () => Promise<void> }> {
  const database = `ecom_${label}_e2e_${randomBytes(4).toString("hex")}`;
  await asAdministrator(`CREATE DATABASE ${database}`);
  const url = new URL(platform.config.postgres.url);
  url.pathname = `/${database}`;
  platform.env.ECOM_DATABASE_URL = url.href;
  platform.config = { ...platform.config, postgres: { ...platform.config.postgres, url: url.href } };
  return { url: url.href, drop: () => asAdministrator(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`) };
}

/** Deletes the platform's two topics and the loader's consumer group (and `groups`), best effort. */
export async function deletePlatformTopics(platform: PipelinePlatform, groups: string[] = []): Promise<void> {
  const kafka = new Admin({
    clientId: "e2e-cleanup",
    bootstrapBrokers: platform.config.kafka.bootstrap.split(","),
  });
  try {
    await kafka
      .deleteGroups({ groups: [...groups, `ecom-loader.${platform.config.topic.kpiName}`] })
      .catch(() => undefined);
    await kafka
      .deleteTopics({ topics: [platform.config.topic.name, platform.config.topic.kpiName] })
      .catch(() => undefined);
  } finally {
    await kafka.close();
  }
}
