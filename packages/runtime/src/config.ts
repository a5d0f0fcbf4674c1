import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { everyInterface, loopbackAddress } from "./bind-address.js";
import {
  duration,
  folder,
  hostPorts,
  int,
  oneOf,
  origins,
  port,
  secret,
  shaped,
  text,
  url,
} from "./config-parsers.js";
import {
  derived,
  type Lookup,
  loadSettings,
  type NameOf,
  optional,
  type SettingsOf,
  variable,
} from "./config-spec.js";
import { repoRoot } from "./paths.js";

export const profiles = ["default", "s3", "cluster"] as const;
export type Profile = (typeof profiles)[number];

const root = repoRoot();
const brokers = (get: Lookup) => (get("ECOM_PROFILE") === "cluster" ? 3 : 1);
// an endpoint equal to the embedded default (as `./ecom env` prints it) still means embedded
const kafkaDefault = (get: Lookup) =>
  Array.from({ length: brokers(get) }, (_, i) => `localhost:${Number(get("ECOM_KAFKA_PORT")) + 2 * i}`).join(
    ",",
  );
const sparkDefault = (get: Lookup) => `sc://localhost:${get("ECOM_SPARK_PORT")}`;
const pgDefault = (get: Lookup) => `postgres://ecom:ecom@localhost:${get("ECOM_POSTGRES_PORT")}/ecom`;
const s3Default = (get: Lookup) => `http://localhost:${get("ECOM_S3_PORT")}`;
const onS3 = (get: Lookup) => get("ECOM_PROFILE") === "s3";
const fileUri = (get: Lookup, name: string) => pathToFileURL(join(get("ECOM_HOME"), name)).href;
const lakeUri = url(["file", "s3a"], { trimSlash: true });
const postgresUrl = url(["postgres", "postgresql"]);

/** A Postgres URL without its password (the embedded server answers under any password). */
function withoutPassword(address: string): string {
  const parsed = new URL(address);
  parsed.password = "";
  return parsed.href;
}

/**
 * Every setting of ecomstream, one entry per variable, in the order `./ecom env` prints them (a
 * default may use the variables above it). Every variable has an embedded default; setting an
 * endpoint variable (Kafka, Spark, Postgres, S3) to another address points the platform at an
 * external service, and `./ecom up` then does not start the embedded one. An endpoint equal to the
 * embedded default (as `./ecom env` prints it) keeps the embedded component.
 */
export const platformSettings = [
  variable("home", "ECOM_HOME", {
    doc: "state folder: pid files, logs, embedded data",
    default: join(root, ".ecom"),
    shown: "`.ecom`",
    parser: folder(root),
  }),
  variable("cache", "ECOM_CACHE", {
    doc: "download cache of resolved jars; several homes may share one",
    default: (get) => join(get("ECOM_HOME"), "cache"),
    shown: "`$ECOM_HOME/cache`",
    parser: folder(root),
  }),
  variable("profile", "ECOM_PROFILE", {
    doc: "`s3`: lake and checkpoints in the bucket `lake` (embedded MinIO); `cluster`: three brokers, Spark master and two workers",
    default: "default",
    parser: oneOf(profiles),
  }),

  variable("kafka.port", "ECOM_KAFKA_PORT", {
    doc: "port of the embedded Kafka broker",
    default: "9092",
    parser: port,
  }),
  variable("kafka.controllerPort", "ECOM_KAFKA_CONTROLLER_PORT", {
    doc: "KRaft controller port of the embedded broker",
    default: "9093",
    parser: port,
  }),
  variable("kafka.bootstrap", "ECOM_KAFKA_BOOTSTRAP", {
    doc: "Kafka bootstrap servers; set to use an external cluster",
    default: kafkaDefault,
    shown: "embedded `localhost:9092` (cluster: ports +0, +2, +4)",
    parser: hostPorts,
  }),
  derived("kafka.embedded", (get): boolean => get("ECOM_KAFKA_BOOTSTRAP") === kafkaDefault(get)),
  /** Embedded brokers: 1, or 3 in the cluster profile (ports port+2i and controllerPort+2i). */
  derived("kafka.brokers", (get): number => brokers(get)),

  variable("topic.name", "ECOM_TOPIC", {
    doc: "raw events topic",
    default: "ecom.events.raw.v1",
    parser: text,
  }),
  variable("topic.partitions", "ECOM_TOPIC_PARTITIONS", {
    doc: "partitions of the raw events topic when ecom creates it",
    default: "6",
    parser: int(1, 1000),
  }),
  variable("topic.kpiName", "ECOM_KPI_TOPIC", {
    doc: "provisional per-minute KPI topic",
    default: "ecom.kpi.minute.v1",
    parser: text,
  }),
  /** Replication factor and min.insync.replicas of the topics ecom creates (3 and 2 in cluster). */
  derived("topic.replicas", (get): number => brokers(get)),
  derived("topic.minInsyncReplicas", (get): number => (brokers(get) > 1 ? 2 : 1)),

  variable("spark.port", "ECOM_SPARK_PORT", {
    doc: "port of the embedded Spark Connect server",
    default: "15002",
    parser: port,
  }),
  variable("spark.remote", "ECOM_SPARK_REMOTE", {
    doc: "Spark Connect URL (`sc://host:port`); set to use an external server",
    default: sparkDefault,
    shown: "embedded `sc://localhost:15002`",
    parser: url(["sc"]),
  }),
  derived("spark.embedded", (get): boolean => get("ECOM_SPARK_REMOTE") === sparkDefault(get)),
  variable("spark.driverMemory", "ECOM_SPARK_DRIVER_MEMORY", {
    doc: "heap of the embedded Spark Connect server (JVM -Xmx)",
    default: "6g",
    parser: shaped(/^\d+[mgMG]$/, "6g or 4096m"),
  }),
  variable("spark.masterPort", "ECOM_SPARK_MASTER_PORT", {
    doc: "port of the embedded Spark standalone master (cluster profile)",
    default: "7077",
    parser: port,
  }),
  /** `local[*]` without workers, else a standalone master with that many workers (cluster profile). */
  derived("spark.workers", (get): number => (get("ECOM_PROFILE") === "cluster" ? 2 : 0)),

  /*
   * `url` is the administrator's login, used by migrations only; services log in as the roles
   * `ecom_reader` (API) and `ecom_writer` (loader, lake-ops, detector) with `readerUrl`/`writerUrl`
   * when given, else `url` with the role's secret from `secretsDir` (`database-roles.ts`).
   */
  variable("postgres.port", "ECOM_POSTGRES_PORT", {
    doc: "port of the embedded Postgres",
    default: "5432",
    parser: port,
  }),
  variable("postgres.url", "ECOM_DATABASE_URL", {
    doc: "Postgres URL, the administrator's login (migrations only); set to use an external database (the embedded one answers under any password of user `ecom`)",
    default: pgDefault,
    shown: "embedded `postgres://ecom:ecom@localhost:5432/ecom`",
    parser: postgresUrl,
  }),
  derived(
    "postgres.embedded",
    (get): boolean => withoutPassword(get("ECOM_DATABASE_URL")) === withoutPassword(pgDefault(get)),
  ),
  optional("postgres.readerUrl", "ECOM_DATABASE_READER_URL", {
    doc: "the API's login (role `ecom_reader`)",
    shown: "`ECOM_DATABASE_URL` as `ecom_reader` with the kept password",
    parser: postgresUrl,
  }),
  optional("postgres.writerUrl", "ECOM_DATABASE_WRITER_URL", {
    doc: "the login of the loader, lake-ops and the detector (role `ecom_writer`)",
    shown: "`ECOM_DATABASE_URL` as `ecom_writer` with the kept password",
    parser: postgresUrl,
  }),
  variable("postgres.secretsDir", "ECOM_SECRETS_DIR", {
    doc: "folder of the database roles' generated passwords, one file per role",
    default: (get) => join(get("ECOM_HOME"), "secrets"),
    shown: "`$ECOM_HOME/secrets`",
    parser: folder(root),
  }),

  variable("lake.uri", "ECOM_LAKE_URI", {
    doc: "lake root (`file://` or `s3a://`)",
    default: (get) => (onS3(get) ? "s3a://lake" : fileUri(get, "lake")),
    shown: "`file://$ECOM_HOME/lake` (s3: `s3a://lake`)",
    parser: lakeUri,
  }),
  variable("checkpoints.uri", "ECOM_CHECKPOINT_URI", {
    doc: "root of the streaming queries' checkpoints",
    default: (get) => (onS3(get) ? "s3a://lake/_checkpoints" : fileUri(get, "checkpoints")),
    shown: "`file://$ECOM_HOME/checkpoints` (s3: `s3a://lake/_checkpoints`)",
    parser: lakeUri,
  }),
  /** S3 serves `s3a://` lake URIs: on when the lake or the checkpoints use s3a. */
  derived("s3.enabled", (get): boolean =>
    ["ECOM_LAKE_URI", "ECOM_CHECKPOINT_URI"].some((name) => get(name).startsWith("s3a:")),
  ),
  variable("s3.port", "ECOM_S3_PORT", {
    doc: "API port of the embedded MinIO",
    default: "9000",
    parser: port,
  }),
  variable("s3.endpoint", "ECOM_S3_ENDPOINT", {
    doc: "S3 endpoint of `s3a://` URIs; set to use an external S3 service",
    default: s3Default,
    shown: "embedded `http://localhost:9000`",
    parser: url(["http", "https"], { trimSlash: true }),
  }),
  derived("s3.embedded", (get): boolean => get("ECOM_S3_ENDPOINT") === s3Default(get)),
  variable("s3.consolePort", "ECOM_S3_CONSOLE_PORT", {
    doc: "web console port of the embedded MinIO",
    default: "9001",
    parser: port,
  }),
  variable("s3.accessKey", "ECOM_S3_ACCESS_KEY", {
    doc: "S3 access key (the embedded MinIO's root user)",
    default: "ecom",
    parser: text,
  }),
  variable("s3.secretKey", "ECOM_S3_SECRET_KEY", {
    doc: "S3 secret key (the embedded MinIO's root password, 8 characters or more)",
    default: "ecom-secret",
    parser: secret(8),
  }),

  variable("pipeline.bronzeTrigger", "ECOM_BRONZE_TRIGGER", {
    doc: "bronze micro-batch interval (Spark duration)",
    default: "2 seconds",
    parser: duration,
  }),
  variable("pipeline.silverTrigger", "ECOM_SILVER_TRIGGER", {
    doc: "silver micro-batch interval",
    default: "2 seconds",
    parser: duration,
  }),
  variable("pipeline.goldTrigger", "ECOM_GOLD_TRIGGER", {
    doc: "gold micro-batch interval (restatement loop)",
    default: "5 seconds",
    parser: duration,
  }),
  variable("pipeline.maxOffsetsPerTrigger", "ECOM_MAX_OFFSETS_PER_TRIGGER", {
    doc: "backpressure: most Kafka records one bronze batch reads",
    default: "200000",
    parser: int(1, 100_000_000),
  }),
  variable("pipeline.writeTasks", "ECOM_WRITE_TASKS", {
    doc: "tasks writing one bronze or silver batch, so files per hour partition (0: Spark's own split, one per Kafka or shuffle partition; raise it on a cluster)",
    default: "1",
    parser: int(0, 10_000),
  }),
  variable("pipeline.provisionalTrigger", "ECOM_PROVISIONAL_TRIGGER", {
    doc: "micro-batch interval of gold's provisional KPI stream (Kafka -> per-minute KPIs -> Kafka)",
    default: "2 seconds",
    parser: duration,
  }),
  variable("pipeline.provisionalMaxOffsetsPerTrigger", "ECOM_PROVISIONAL_MAX_OFFSETS_PER_TRIGGER", {
    doc: "backpressure: most raw Kafka records one provisional KPI batch reads",
    default: "200000",
    parser: int(1, 100_000_000),
  }),
  variable("pipeline.dedupWindow", "ECOM_DEDUP_WINDOW", {
    doc: "silver drops copies of an event_id arriving within this span of ingest time",
    default: "1 hour",
    parser: duration,
  }),
  variable("pipeline.goldWatermark", "ECOM_GOLD_WATERMARK", {
    doc: "how late (event time) a record may arrive before gold's streaming window closes; later ones reach gold by restatement",
    default: "1 minute",
    parser: duration,
  }),
  variable("pipeline.sessionGap", "ECOM_SESSION_GAP", {
    doc: "gold sessions: events of a session_id further apart than this start a new session; a session is final once this has passed since its last event",
    default: "30 minutes",
    parser: duration,
  }),
  variable("pipeline.loaderTrigger", "ECOM_LOADER_TRIGGER", {
    doc: "how often the loader reads new gold rows and recomputes recent quality minutes",
    default: "5 seconds",
    parser: duration,
  }),
  variable("pipeline.ports.bronze", "ECOM_BRONZE_PORT", {
    doc: "/health and /metrics port of the bronze writer",
    default: "9101",
    parser: port,
  }),
  variable("pipeline.ports.silver", "ECOM_SILVER_PORT", {
    doc: "/health and /metrics port of the silver writer",
    default: "9102",
    parser: port,
  }),
  variable("pipeline.ports.gold", "ECOM_GOLD_PORT", {
    doc: "/health and /metrics port of the gold writer",
    default: "9103",
    parser: port,
  }),
  variable("pipeline.ports.loader", "ECOM_LOADER_PORT", {
    doc: "/health and /metrics port of the loader",
    default: "9104",
    parser: port,
  }),

  variable("lakeOps.port", "ECOM_LAKE_OPS_PORT", {
    doc: "/health and /metrics port of the lake-ops service (compaction, retention, lake health)",
    default: "9106",
    parser: port,
  }),
  variable("lakeOps.compactEvery", "ECOM_COMPACT_EVERY", {
    doc: "how often the lake-ops service compacts closed partitions (and reports lake health)",
    default: "15 minutes",
    parser: duration,
  }),
  variable("lakeOps.closedAfter", "ECOM_COMPACT_CLOSED_AFTER", {
    doc: "a partition is closed, and may be compacted, once its hour ended this long ago",
    default: "30 minutes",
    parser: duration,
  }),
  variable("lakeOps.targetFileMb", "ECOM_COMPACT_TARGET_FILE_MB", {
    doc: "size compaction aims at per file (MB)",
    default: "128",
    parser: int(1, 4096),
  }),
  variable("lakeOps.grace", "ECOM_LAKE_GRACE", {
    doc: "files a lake table no longer references (merged, dropped) stay this long before `VACUUM` deletes them: reads in flight, time travel, streams stopped behind the table",
    default: "24 hours",
    parser: duration,
  }),

  variable("retention.bronze", "ECOM_RETENTION_BRONZE", {
    doc: "`./ecom retention` drops bronze partitions older than this (and `quality_minute` rows)",
    default: "30 days",
    parser: duration,
  }),
  variable("retention.silver", "ECOM_RETENTION_SILVER", {
    doc: "`./ecom retention` drops silver partitions older than this",
    default: "14 days",
    parser: duration,
  }),
  variable("retention.quarantine", "ECOM_RETENTION_QUARANTINE", {
    doc: "`./ecom retention` drops quarantine partitions older than this",
    default: "30 days",
    parser: duration,
  }),
  variable("retention.gold", "ECOM_RETENTION_GOLD", {
    doc: "`./ecom retention` drops gold partitions (and `kpi_minute` rows) older than this",
    default: "14 days",
    parser: duration,
  }),

  variable("generator.rate", "ECOM_GENERATOR_RATE", {
    doc: "events/s of the generator service `./ecom up` starts (0: none); it draws a new seed each time it starts (`--seed random`), so a restarted generator never sends event_ids silver already holds",
    default: "20",
    parser: int(0, 1_000_000),
  }),
  variable("detector.port", "ECOM_DETECTOR_PORT", {
    doc: "/health and /metrics port of the anomaly detector",
    default: "9105",
    parser: port,
  }),

  variable("dashboard.port", "ECOM_DASHBOARD_PORT", {
    doc: "HTTP port of the dashboard",
    default: "8501",
    parser: port,
  }),
  variable("api.port", "ECOM_API_PORT", { doc: "HTTP port of the API", default: "8000", parser: port }),
  variable("api.key", "ECOM_API_KEY", {
    doc: "API key for alert actions",
    default: "ecom-dev-key",
    parser: text,
  }),
  variable("api.corsOrigins", "ECOM_API_CORS_ORIGINS", {
    doc: "origins the API allows by CORS, comma-separated",
    // the dashboard as opened by either loopback name
    default: (get) =>
      `http://localhost:${get("ECOM_DASHBOARD_PORT")},http://127.0.0.1:${get("ECOM_DASHBOARD_PORT")}`,
    shown: "the dashboard's origin (as localhost and 127.0.0.1)",
    parser: origins,
  }),
  variable("api.rateLimitPerMinute", "ECOM_API_RATE_LIMIT", {
    doc: "requests per minute one client may make to the API (0: no limit)",
    default: "1200",
    parser: int(0, 10_000_000),
  }),
  variable("api.cacheMb", "ECOM_API_CACHE_MB", {
    doc: "MB of `/v1/kpis` responses the API keeps until serving's data changes (0: off)",
    default: "64",
    parser: int(0, 65_536),
  }),
  variable("api.maxStreams", "ECOM_API_MAX_STREAMS", {
    doc: "most `/v1/stream` (Server-Sent Events) clients at once; beyond, 503 problem+json with `Retry-After`",
    default: "100",
    parser: int(1, 100_000),
  }),
  variable("console.port", "ECOM_CONSOLE_PORT", {
    doc: "HTTP port of the topic console",
    default: "8080",
    parser: port,
  }),
  /*
   * Only loopback or every interface: the platform's own clients reach each part at `localhost`,
   * which a listener bound to one other interface would not answer.
   */
  variable("bindAddress", "ECOM_BIND_ADDRESS", {
    doc: "address every listener binds: `127.0.0.1` (this machine only) or `0.0.0.0` (every interface; refused with a published default secret)",
    default: loopbackAddress,
    parser: oneOf(
      [loopbackAddress, everyInterface],
      `must be ${loopbackAddress} (this machine only) or ${everyInterface} (every interface)`,
    ),
  }),
] as const;

/** The one typed configuration of ecomstream: each entry of `platformSettings` at its path. */
export type EcomConfig = SettingsOf<typeof platformSettings>;
export type ConfigVariable = NameOf<typeof platformSettings>;

/** Documentation of every variable, in the order `./ecom env` prints them. */
export const configVariables = platformSettings.flatMap(
  (entry): Array<readonly [ConfigVariable, string]> =>
    entry.kind === "variable" ? [[entry.name, entry.doc]] : [],
);

type Env = Record<string, string | undefined>;

/** Reads and validates the whole configuration; throws one ConfigError listing every problem. */
export function loadConfig(env: Env = process.env): EcomConfig {
  return loadSettings(platformSettings, env);
}
