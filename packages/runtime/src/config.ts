import { isAbsolute, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { bindAddress } from "./bind-address.js";
import { ConfigError } from "./errors.js";
import { repoRoot } from "./paths.js";

/**
 * The one typed configuration of ecomstream. Every variable has an embedded default; setting an
 * endpoint variable (Kafka, Spark, Postgres) to another address points the platform at an external
 * service, and `./ecom up` then does not start the embedded one. An endpoint equal to the embedded
 * default (as `./ecom env` prints it) keeps the embedded component.
 */
export interface EcomConfig {
  /** State folder: pid files, logs, embedded data. */
  home: string;
  /** Download cache (resolved jars); shared by several homes when set. */
  cache: string;
  kafka: {
    bootstrap: string;
    embedded: boolean;
    port: number;
    controllerPort: number;
    /** Embedded brokers: 1, or 3 in the cluster profile (ports port+2i and controllerPort+2i). */
    brokers: number;
  };
  topic: {
    name: string;
    partitions: number;
    kpiName: string;
    /** Replication factor and min.insync.replicas of the topics ecom creates (3 and 2 in cluster). */
    replicas: number;
    minInsyncReplicas: number;
  };
  spark: {
    remote: string;
    embedded: boolean;
    port: number;
    driverMemory: string;
    /** `local[*]` without workers, else a standalone master with that many workers (cluster profile). */
    masterPort: number;
    workers: number;
  };
  /**
   * `url` is the administrator's login, used by migrations only; services log in as the roles
   * `ecom_reader` (API) and `ecom_writer` (loader, lake-ops, detector) with `readerUrl`/`writerUrl`
   * when given, else `url` with the role's secret from `secretsDir` (`database-roles.ts`).
   */
  postgres: {
    url: string;
    embedded: boolean;
    port: number;
    readerUrl: string | undefined;
    writerUrl: string | undefined;
    secretsDir: string;
  };
  /**
   * `default` (local disk), `s3` (lake and checkpoints in an S3 bucket, MinIO when embedded) or
   * `cluster` (three Kafka brokers, a Spark standalone master and two workers).
   */
  profile: Profile;
  /** S3 endpoint and credentials for `s3a://` lake URIs; `enabled` when the lake or checkpoints use s3a. */
  s3: {
    enabled: boolean;
    endpoint: string;
    embedded: boolean;
    port: number;
    consolePort: number;
    accessKey: string;
    secretKey: string;
  };
  lake: { uri: string };
  checkpoints: { uri: string };
  pipeline: {
    bronzeTrigger: string;
    silverTrigger: string;
    goldTrigger: string;
    /** Micro-batch interval of gold's provisional KPI stream (Kafka -> per-minute KPIs -> Kafka). */
    provisionalTrigger: string;
    maxOffsetsPerTrigger: number;
    /**
     * Tasks that write one bronze or silver batch, so files per hour partition; 0 keeps Spark's own
     * split (one per Kafka partition, one per shuffle partition). One file a batch suits small
     * machines and the lake's listing.
     */
    writeTasks: number;
    /** Most raw Kafka records one provisional KPI batch reads. */
    provisionalMaxOffsetsPerTrigger: number;
    /** Silver deduplicates event_ids whose copies arrive within this span of ingest time. */
    dedupWindow: string;
    /** How late (event time) a record may arrive before gold's streaming window has closed. */
    goldWatermark: string;
    /** How often the loader reads new gold rows and recomputes recent quality minutes. */
    loaderTrigger: string;
    ports: { bronze: number; silver: number; gold: number; loader: number };
  };
  /** Lake operations (`./ecom compact`, and the lake-ops service `./ecom up` runs). */
  lakeOps: {
    /** Health and metrics port of the lake-ops service. */
    port: number;
    /** How often the service compacts (and reports lake health). */
    compactEvery: string;
    /** A partition is closed, and may be compacted, once its hour ended this long ago. */
    closedAfter: string;
    /** Size compaction aims at per file. */
    targetFileMb: number;
    /**
     * VACUUM's retention: files a table no longer references (merged by compaction, dropped by
     * retention) stay on disk this long for reads, time travel and streams behind the table (a
     * stream stopped longer than this whose next commits' files were merged cannot resume).
     */
    grace: string;
  };
  /** How long each layer keeps its partitions (`./ecom retention`); Spark durations such as `30 days`. */
  retention: { bronze: string; silver: string; quarantine: string; gold: string };
  /** Events/s of the generator service `./ecom up` runs (0: not started). */
  generator: { rate: number };
  /** The anomaly detector's /health and /metrics port. */
  detector: { port: number };
  api: {
    port: number;
    key: string;
    /** Origins allowed by CORS (the dashboard's by default). */
    corsOrigins: string[];
    /** Requests per minute one client may make (0: no limit). */
    rateLimitPerMinute: number;
    /** Megabytes of serialized KPI responses kept until serving's data changes (0: no cache). */
    cacheMb: number;
    /** Most /v1/stream clients at once (beyond: 503). */
    maxStreams: number;
  };
  dashboard: { port: number };
  console: { port: number };
  /** Address every listener the platform starts binds: 127.0.0.1 (default) or 0.0.0.0. */
  bindAddress: string;
}

/** Documentation of every variable, in the order `./ecom env` prints them. */
export const configVariables = [
  ["ECOM_HOME", "state folder (pid files, logs, embedded data)"],
  ["ECOM_CACHE", "download cache of resolved jars (default $ECOM_HOME/cache)"],
  ["ECOM_KAFKA_BOOTSTRAP", "Kafka bootstrap servers; set to use an external cluster"],
  ["ECOM_KAFKA_PORT", "port of the embedded Kafka broker"],
  ["ECOM_KAFKA_CONTROLLER_PORT", "KRaft controller port of the embedded broker"],
  ["ECOM_TOPIC", "raw events topic"],
  ["ECOM_TOPIC_PARTITIONS", "partitions of the raw events topic when ecom creates it"],
  ["ECOM_KPI_TOPIC", "provisional per-minute KPI topic"],
  ["ECOM_SPARK_REMOTE", "Spark Connect URL (sc://host:port); set to use an external server"],
  ["ECOM_SPARK_PORT", "port of the embedded Spark Connect server"],
  ["ECOM_SPARK_DRIVER_MEMORY", "heap of the embedded Spark Connect server (JVM -Xmx)"],
  ["ECOM_DATABASE_URL", "Postgres URL; set to use an external database"],
  ["ECOM_POSTGRES_PORT", "port of the embedded Postgres"],
  ["ECOM_DATABASE_READER_URL", "the API's login (role ecom_reader); default ECOM_DATABASE_URL as it"],
  ["ECOM_DATABASE_WRITER_URL", "the loader's login (role ecom_writer); default ECOM_DATABASE_URL as it"],
  ["ECOM_SECRETS_DIR", "folder of the database roles' generated passwords (default $ECOM_HOME/secrets)"],
  ["ECOM_PROFILE", "default (one of each, lake on local disk), s3 (lake in the bucket lake) or cluster"],
  ["ECOM_SPARK_MASTER_PORT", "port of the embedded Spark standalone master (cluster profile)"],
  ["ECOM_S3_ENDPOINT", "S3 endpoint URL of s3a:// lake URIs; set to use an external S3 service"],
  ["ECOM_S3_ACCESS_KEY", "S3 access key (the embedded MinIO's root user)"],
  ["ECOM_S3_SECRET_KEY", "S3 secret key (the embedded MinIO's root password, 8 characters or more)"],
  ["ECOM_S3_PORT", "API port of the embedded MinIO"],
  ["ECOM_S3_CONSOLE_PORT", "web console port of the embedded MinIO"],
  ["ECOM_LAKE_URI", "lake root: file:///path or s3a://bucket"],
  ["ECOM_CHECKPOINT_URI", "root of the streaming queries' checkpoints"],
  ["ECOM_BRONZE_TRIGGER", "bronze micro-batch interval (Spark duration)"],
  ["ECOM_SILVER_TRIGGER", "silver micro-batch interval"],
  ["ECOM_GOLD_TRIGGER", "gold micro-batch interval (provisional stream and restatement loop)"],
  ["ECOM_MAX_OFFSETS_PER_TRIGGER", "backpressure: most Kafka records one bronze batch reads"],
  [
    "ECOM_WRITE_TASKS",
    "tasks (files per hour partition) writing one bronze or silver batch; 0: Spark's own split",
  ],
  [
    "ECOM_PROVISIONAL_TRIGGER",
    "micro-batch interval of gold's provisional KPI stream (reads Kafka directly)",
  ],
  [
    "ECOM_PROVISIONAL_MAX_OFFSETS_PER_TRIGGER",
    "backpressure: most Kafka records one provisional KPI batch reads",
  ],
  ["ECOM_DEDUP_WINDOW", "silver drops copies of an event_id arriving within this ingest-time span"],
  ["ECOM_GOLD_WATERMARK", "gold's event-time watermark delay; later events reach gold by restatement"],
  ["ECOM_LOADER_TRIGGER", "how often the loader reads new gold rows and recent quality minutes"],
  ["ECOM_BRONZE_PORT", "health and metrics port of the bronze writer"],
  ["ECOM_SILVER_PORT", "health and metrics port of the silver writer"],
  ["ECOM_GOLD_PORT", "health and metrics port of the gold writer"],
  ["ECOM_LOADER_PORT", "health and metrics port of the loader"],
  ["ECOM_LAKE_OPS_PORT", "health and metrics port of the lake-ops service (compaction, lake health)"],
  ["ECOM_COMPACT_EVERY", "how often the lake-ops service compacts closed partitions"],
  ["ECOM_COMPACT_CLOSED_AFTER", "a partition may be compacted once its hour ended this long ago"],
  ["ECOM_COMPACT_TARGET_FILE_MB", "size compaction aims at per file (MB)"],
  [
    "ECOM_LAKE_GRACE",
    "VACUUM keeps files a lake table no longer references this long (reads in flight, time travel, streams behind)",
  ],
  [
    "ECOM_RETENTION_BRONZE",
    "./ecom retention drops bronze partitions older than this (and quality_minute rows)",
  ],
  ["ECOM_RETENTION_SILVER", "./ecom retention drops silver partitions older than this"],
  ["ECOM_RETENTION_QUARANTINE", "./ecom retention drops quarantine partitions older than this"],
  ["ECOM_RETENTION_GOLD", "./ecom retention drops gold partitions (and kpi_minute rows) older than this"],
  ["ECOM_GENERATOR_RATE", "events/s of the generator service that ./ecom up starts (0: none)"],
  ["ECOM_DETECTOR_PORT", "health and metrics port of the anomaly detector"],
  ["ECOM_API_PORT", "HTTP port of the API"],
  ["ECOM_API_KEY", "API key for alert actions"],
  [
    "ECOM_API_CORS_ORIGINS",
    "comma-separated origins the API allows by CORS (default: the dashboard's, as localhost and 127.0.0.1)",
  ],
  ["ECOM_API_RATE_LIMIT", "requests per minute one client may make to the API (0: no limit)"],
  ["ECOM_API_CACHE_MB", "MB of KPI responses the API keeps until serving's data changes (0: off)"],
  ["ECOM_API_MAX_STREAMS", "most /v1/stream (Server-Sent Events) clients the API serves at once"],
  ["ECOM_DASHBOARD_PORT", "HTTP port of the dashboard"],
  ["ECOM_CONSOLE_PORT", "HTTP port of the topic console"],
  [
    "ECOM_BIND_ADDRESS",
    "address every listener binds: 127.0.0.1 (this machine only) or 0.0.0.0 (every interface)",
  ],
] as const;

export type ConfigVariable = (typeof configVariables)[number][0];
export const profiles = ["default", "s3", "cluster"] as const;
export type Profile = (typeof profiles)[number];
type Env = Record<string, string | undefined>;

/** Reads ECOM_* variables, collecting every problem so that one ConfigError names them all. */
export class Reader {
  readonly problems: string[] = [];
  constructor(private readonly env: Env) {}

  raw(name: ConfigVariable): string | undefined {
    const value = this.env[name];
    return value === undefined || value.trim() === "" ? undefined : value.trim();
  }

  string(name: ConfigVariable, fallback: string): string {
    return this.raw(name) ?? fallback;
  }

  int(name: ConfigVariable, fallback: number, min: number, max: number): number {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < min || parsed > max) {
      this.problems.push(`${name}=${value} must be an integer from ${min} to ${max}`);
      return fallback;
    }
    return parsed;
  }

  /** A Spark interval such as `2 seconds`, `500 milliseconds`, `1 hour`. */
  duration(name: ConfigVariable, fallback: string): string {
    const value = this.raw(name) ?? fallback;
    if (!/^\d+ (millisecond|second|minute|hour|day)s?$/.test(value)) {
      this.problems.push(`${name}=${value} must look like '2 seconds' or '10 minutes'`);
      return fallback;
    }
    return value;
  }

  url(name: ConfigVariable, fallback: string, schemes: readonly string[]): string {
    const value = this.raw(name) ?? fallback;
    let scheme: string;
    try {
      scheme = new URL(value).protocol.replace(/:$/, "");
    } catch {
      this.problems.push(
        `${name}=${value} is not a URL (expected ${schemes.map((s) => `${s}://…`).join(" or ")})`,
      );
      return fallback;
    }
    if (!schemes.includes(scheme)) {
      this.problems.push(`${name}=${value} must use ${schemes.map((s) => `${s}://`).join(" or ")}`);
      return fallback;
    }
    return value;
  }
}

function hostPorts(reader: Reader, name: ConfigVariable, value: string): void {
  for (const part of value.split(",")) {
    if (!/^[A-Za-z0-9.\-_[\]:]+:\d{1,5}$/.test(part.trim())) {
      reader.problems.push(`${name}=${value} must be host:port[,host:port…]`);
      return;
    }
  }
}

/** A Postgres URL without its password (invalid URLs, already reported, stay as they are). */
function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = "";
    return parsed.href;
  } catch {
    return url;
  }
}

/** Reads and validates the whole configuration; throws one ConfigError listing every problem. */
export function loadConfig(env: Env = process.env): EcomConfig {
  const r = new Reader(env);
  const root = repoRoot();
  const homeRaw = r.string("ECOM_HOME", join(root, ".ecom"));
  const home = isAbsolute(homeRaw) ? homeRaw : resolve(root, homeRaw);

  const profileRaw = r.string("ECOM_PROFILE", "default");
  const profile = profiles.find((p) => p === profileRaw) ?? "default";
  if (profile !== profileRaw)
    r.problems.push(`ECOM_PROFILE=${profileRaw} must be one of ${profiles.join(", ")}`);
  const brokers = profile === "cluster" ? 3 : 1;
  const kafkaPort = r.int("ECOM_KAFKA_PORT", 9092, 1, 65535);
  const kafkaBootstrap = r.raw("ECOM_KAFKA_BOOTSTRAP");
  if (kafkaBootstrap) hostPorts(r, "ECOM_KAFKA_BOOTSTRAP", kafkaBootstrap);

  const sparkPort = r.int("ECOM_SPARK_PORT", 15002, 1, 65535);
  const sparkRemote = r.raw("ECOM_SPARK_REMOTE");
  if (sparkRemote !== undefined) r.url("ECOM_SPARK_REMOTE", sparkRemote, ["sc"]);
  const driverMemory = r.string("ECOM_SPARK_DRIVER_MEMORY", "6g");
  if (!/^\d+[mgMG]$/.test(driverMemory))
    r.problems.push(`ECOM_SPARK_DRIVER_MEMORY=${driverMemory} must look like 6g or 4096m`);

  const pgPort = r.int("ECOM_POSTGRES_PORT", 5432, 1, 65535);
  const databaseUrl = r.raw("ECOM_DATABASE_URL");
  if (databaseUrl !== undefined) r.url("ECOM_DATABASE_URL", databaseUrl, ["postgres", "postgresql"]);
  const roleUrl = (name: "ECOM_DATABASE_READER_URL" | "ECOM_DATABASE_WRITER_URL") => {
    const value = r.raw(name);
    return value === undefined ? undefined : r.url(name, value, ["postgres", "postgresql"]);
  };
  const secretsDirRaw = r.string("ECOM_SECRETS_DIR", join(home, "secrets"));

  const dashboardPort = r.int("ECOM_DASHBOARD_PORT", 8501, 1, 65535);
  // the dashboard as opened by either loopback name
  const corsOrigins = r.string(
    "ECOM_API_CORS_ORIGINS",
    `http://localhost:${dashboardPort},http://127.0.0.1:${dashboardPort}`,
  );
  for (const origin of corsOrigins.split(",")) {
    if (!/^https?:\/\/[^/\s]+$/.test(origin.trim()))
      r.problems.push(
        `ECOM_API_CORS_ORIGINS=${corsOrigins} must be origins like http://host:port, comma-separated`,
      );
  }

  const onS3 = profile === "s3";
  const lake = r.url("ECOM_LAKE_URI", onS3 ? "s3a://lake" : pathToFileURL(join(home, "lake")).href, [
    "file",
    "s3a",
  ]);
  const checkpoints = r.url(
    "ECOM_CHECKPOINT_URI",
    onS3 ? "s3a://lake/_checkpoints" : pathToFileURL(join(home, "checkpoints")).href,
    ["file", "s3a"],
  );
  const s3Port = r.int("ECOM_S3_PORT", 9000, 1, 65535);
  const s3Default = `http://localhost:${s3Port}`;
  const s3Endpoint = r.url("ECOM_S3_ENDPOINT", s3Default, ["http", "https"]).replace(/\/$/, "");
  const s3SecretKey = r.string("ECOM_S3_SECRET_KEY", "ecom-secret");
  if (s3SecretKey.length < 8) r.problems.push("ECOM_S3_SECRET_KEY must have 8 characters or more");

  const cacheRaw = r.string("ECOM_CACHE", join(home, "cache"));
  // an endpoint equal to the embedded default (as `./ecom env` prints it) still means embedded
  const kafkaDefault = Array.from({ length: brokers }, (_, i) => `localhost:${kafkaPort + 2 * i}`).join(",");
  const sparkDefault = `sc://localhost:${sparkPort}`;
  const pgDefault = `postgres://ecom:ecom@localhost:${pgPort}/ecom`;
  const config: EcomConfig = {
    home,
    cache: isAbsolute(cacheRaw) ? cacheRaw : resolve(root, cacheRaw),
    kafka: {
      bootstrap: kafkaBootstrap ?? kafkaDefault,
      embedded: (kafkaBootstrap ?? kafkaDefault) === kafkaDefault,
      port: kafkaPort,
      controllerPort: r.int("ECOM_KAFKA_CONTROLLER_PORT", 9093, 1, 65535),
      brokers,
    },
    topic: {
      name: r.string("ECOM_TOPIC", "ecom.events.raw.v1"),
      partitions: r.int("ECOM_TOPIC_PARTITIONS", 6, 1, 1000),
      kpiName: r.string("ECOM_KPI_TOPIC", "ecom.kpi.minute.v1"),
      replicas: brokers,
      minInsyncReplicas: brokers > 1 ? 2 : 1,
    },
    spark: {
      remote: sparkRemote ?? sparkDefault,
      embedded: (sparkRemote ?? sparkDefault) === sparkDefault,
      port: sparkPort,
      driverMemory,
      masterPort: r.int("ECOM_SPARK_MASTER_PORT", 7077, 1, 65535),
      workers: profile === "cluster" ? 2 : 0,
    },
    postgres: {
      url: databaseUrl ?? pgDefault,
      // the embedded server under any password (the superuser's is set at its first start)
      embedded: withoutPassword(databaseUrl ?? pgDefault) === withoutPassword(pgDefault),
      port: pgPort,
      readerUrl: roleUrl("ECOM_DATABASE_READER_URL"),
      writerUrl: roleUrl("ECOM_DATABASE_WRITER_URL"),
      secretsDir: isAbsolute(secretsDirRaw) ? secretsDirRaw : resolve(root, secretsDirRaw),
    },
    profile,
    s3: {
      enabled: [lake, checkpoints].some((uri) => uri.startsWith("s3a:")),
      endpoint: s3Endpoint,
      embedded: s3Endpoint === s3Default,
      port: s3Port,
      consolePort: r.int("ECOM_S3_CONSOLE_PORT", 9001, 1, 65535),
      accessKey: r.string("ECOM_S3_ACCESS_KEY", "ecom"),
      secretKey: s3SecretKey,
    },
    lake: { uri: lake.replace(/\/$/, "") },
    checkpoints: { uri: checkpoints.replace(/\/$/, "") },
    pipeline: {
      bronzeTrigger: r.duration("ECOM_BRONZE_TRIGGER", "2 seconds"),
      silverTrigger: r.duration("ECOM_SILVER_TRIGGER", "2 seconds"),
      goldTrigger: r.duration("ECOM_GOLD_TRIGGER", "5 seconds"),
      maxOffsetsPerTrigger: r.int("ECOM_MAX_OFFSETS_PER_TRIGGER", 200_000, 1, 100_000_000),
      writeTasks: r.int("ECOM_WRITE_TASKS", 1, 0, 10_000),
      provisionalTrigger: r.duration("ECOM_PROVISIONAL_TRIGGER", "2 seconds"),
      provisionalMaxOffsetsPerTrigger: r.int(
        "ECOM_PROVISIONAL_MAX_OFFSETS_PER_TRIGGER",
        200_000,
        1,
        100_000_000,
      ),
      dedupWindow: r.duration("ECOM_DEDUP_WINDOW", "1 hour"),
      goldWatermark: r.duration("ECOM_GOLD_WATERMARK", "1 minute"),
      loaderTrigger: r.duration("ECOM_LOADER_TRIGGER", "5 seconds"),
      ports: {
        bronze: r.int("ECOM_BRONZE_PORT", 9101, 1, 65535),
        silver: r.int("ECOM_SILVER_PORT", 9102, 1, 65535),
        gold: r.int("ECOM_GOLD_PORT", 9103, 1, 65535),
        loader: r.int("ECOM_LOADER_PORT", 9104, 1, 65535),
      },
    },
    lakeOps: {
      port: r.int("ECOM_LAKE_OPS_PORT", 9106, 1, 65535),
      compactEvery: r.duration("ECOM_COMPACT_EVERY", "15 minutes"),
      closedAfter: r.duration("ECOM_COMPACT_CLOSED_AFTER", "30 minutes"),
      targetFileMb: r.int("ECOM_COMPACT_TARGET_FILE_MB", 128, 1, 4096),
      grace: r.duration("ECOM_LAKE_GRACE", "24 hours"),
    },
    retention: {
      bronze: r.duration("ECOM_RETENTION_BRONZE", "30 days"),
      silver: r.duration("ECOM_RETENTION_SILVER", "14 days"),
      quarantine: r.duration("ECOM_RETENTION_QUARANTINE", "30 days"),
      gold: r.duration("ECOM_RETENTION_GOLD", "14 days"),
    },
    generator: { rate: r.int("ECOM_GENERATOR_RATE", 20, 0, 1_000_000) },
    detector: { port: r.int("ECOM_DETECTOR_PORT", 9105, 1, 65535) },
    api: {
      port: r.int("ECOM_API_PORT", 8000, 1, 65535),
      key: r.string("ECOM_API_KEY", "ecom-dev-key"),
      corsOrigins: corsOrigins.split(",").map((origin) => origin.trim()),
      rateLimitPerMinute: r.int("ECOM_API_RATE_LIMIT", 1200, 0, 10_000_000),
      cacheMb: r.int("ECOM_API_CACHE_MB", 64, 0, 65_536),
      maxStreams: r.int("ECOM_API_MAX_STREAMS", 100, 1, 100_000),
    },
    dashboard: { port: dashboardPort },
    console: { port: r.int("ECOM_CONSOLE_PORT", 8080, 1, 65535) },
    bindAddress: bindAddress(r),
  };
  if (r.problems.length > 0) throw new ConfigError(r.problems);
  return config;
}
