import { mkdirSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import {
  canConnect,
  EcomError,
  errorCodes,
  loopbackAddress,
  repoRoot,
  runningPid,
  startDaemon,
  stopDaemon,
  waitFor,
} from "@ecomstream/runtime";
import { ensureProtos } from "@ecomstream/spark-connect";
import { javaBinary, requireJava } from "../install/java.js";
import { resolveJars } from "../install/maven.js";
import { buildSparkUdfJar } from "../install/spark-udf.js";
import { ui } from "../ui.js";
import type { Component, ComponentContext, ProbeResult } from "./component.js";
import { requireFreePorts } from "./ports.js";
import { probeSparkConnect } from "./spark-probe.js";
import { s3aConf } from "./spark-s3a.js";
import { SparkStandalone, sparkNetworkEnv } from "./spark-standalone.js";

const infra = () => join(repoRoot(), "infra", "spark");

/** The JVM module flags Spark's own launcher adds on Java 17+. */
const moduleFlags = [
  "-XX:+IgnoreUnrecognizedVMOptions",
  "--add-modules=jdk.incubator.vector",
  ...[
    "java.lang",
    "java.lang.invoke",
    "java.lang.reflect",
    "java.io",
    "java.net",
    "java.nio",
    "java.util",
    "java.util.concurrent",
    "java.util.concurrent.atomic",
    "jdk.internal.ref",
    "sun.nio.ch",
    "sun.nio.cs",
    "sun.security.action",
    "sun.util.calendar",
  ].map((pkg) => `--add-opens=java.base/${pkg}=ALL-UNNAMED`),
  "--add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
  "-Dio.netty.tryReflectionSetAccessible=true",
];

/** Delta Lake in every session (Spark Connect ones included): its SQL and its catalog. */
export const deltaConf = {
  "spark.sql.extensions": "io.delta.sql.DeltaSparkSessionExtension",
  "spark.sql.catalog.spark_catalog": "org.apache.spark.sql.delta.catalog.DeltaCatalog",
} as const;

/**
 * Delta's parallelism sized for the embedded server (2 cores): rebuilding a table's snapshot after
 * each commit runs 50 tasks by default, and VACUUM lists files with 10,000 tasks; a cluster keeps
 * Delta's defaults.
 */
export const smallMachineDeltaConf = {
  "spark.databricks.delta.snapshotPartitions": "2",
  "spark.sql.sources.parallelPartitionDiscovery.parallelism": "4",
} as const;

/** Host and port of an `sc://host:port/;params` URL. */
export function sparkHostPort(remote: string): { host: string; port: number } {
  const url = new URL(remote.replace(/^sc:/, "http:"));
  return { host: url.hostname, port: Number(url.port || 15002) };
}

export class SparkConnectComponent implements Component {
  readonly name = "spark-connect";
  readonly embedded: boolean;
  readonly endpoint: string;
  readonly ports: readonly number[];
  readonly portVariable = "ECOM_SPARK_PORT";

  constructor(private readonly ctx: ComponentContext) {
    this.embedded = ctx.config.spark.embedded;
    this.endpoint = ctx.config.spark.remote;
    this.ports = [ctx.config.spark.port];
  }

  get lib(): string {
    return this.ctx.paths.mavenLib("spark");
  }

  /** Every folder of jars on the server's (and executors') classpath. */
  private get libDirs(): string[] {
    const dirs = [this.lib, this.udfLib];
    return this.ctx.config.s3.enabled ? [...dirs, this.s3Lib] : dirs;
  }

  /** The contract's JVM functions (`infra/spark/udf`), compiled at install against Spark's jars. */
  get udfLib(): string {
    return this.ctx.paths.mavenLib("spark-udf");
  }

  /** The standalone master and workers behind the server (cluster profile), if any. */
  private get standalone(): SparkStandalone | undefined {
    return this.ctx.config.spark.workers > 0
      ? new SparkStandalone(this.ctx, this.libDirs, moduleFlags)
      : undefined;
  }

  /** hadoop-aws and the AWS SDK bundle, on the classpath when the lake or checkpoints are on s3a. */
  get s3Lib(): string {
    return this.ctx.paths.mavenLib("spark-s3");
  }

  /** Server jars when embedded; the client's protocol files (from the pinned jar) always. */
  async install(): Promise<void> {
    if (this.embedded) {
      requireJava();
      await resolveJars(join(infra(), "pom.xml"), this.lib, "Apache Spark");
      if (this.ctx.config.s3.enabled)
        await resolveJars(join(infra(), "s3", "pom.xml"), this.s3Lib, "Spark S3 (hadoop-aws)");
    }
    // the contract's JVM function: on the embedded server's classpath, or for an external one to load
    const udfJar = await buildSparkUdfJar(this.ctx.paths.mavenLib("spark-udf-deps"), this.udfLib);
    if (!this.embedded)
      ui.step(`the Spark server at ${this.endpoint} needs ${udfJar} on its classpath (spark-submit --jars)`);
    const protos = ensureProtos({ libDirs: [this.lib], log: (line) => ui.step(line) });
    if (protos.extracted)
      ui.step(`extracted the Spark Connect ${protos.sparkVersion} protocol into ${protos.protoDir}`);
  }

  /** Spark settings of the embedded server, sized for one small machine (2 cores). */
  private sparkConf(): string[] {
    const { spark } = this.ctx.paths;
    const conf: Record<string, string> = {
      "spark.master": "local[*]",
      ...(this.standalone?.conf() ?? {}),
      "spark.app.name": "ecomstream",
      "spark.connect.grpc.binding.address": this.ctx.config.bindAddress,
      "spark.connect.grpc.binding.port": String(this.ctx.config.spark.port),
      // the driver's RPC and block manager serve this machine's executors only: loopback always
      "spark.driver.bindAddress": loopbackAddress,
      "spark.driver.host": "localhost",
      // streaming queries outlive idle clients: sessions never expire on the embedded server
      "spark.connect.session.manager.defaultSessionTimeout": "-1",
      "spark.sql.warehouse.dir": join(spark, "warehouse"),
      "spark.local.dir": join(spark, "tmp"),
      // one shuffle partition (and stateful queries' state store instance) per core; a query keeps the
      // count its checkpoint started with
      "spark.sql.shuffle.partitions": String(Math.max(2, availableParallelism())),
      "spark.sql.session.timeZone": "UTC",
      "spark.ui.port": "4040",
      "spark.ui.showConsoleProgress": "false",
      "spark.sql.streaming.metricsEnabled": "true",
      ...deltaConf,
      ...smallMachineDeltaConf,
      ...(this.ctx.config.s3.enabled ? s3aConf(this.ctx.config, join(spark, "tmp", "s3a")) : {}),
    };
    return Object.entries(conf).map(([key, value]) => `-D${key}=${value}`);
  }

  async start(): Promise<void> {
    const pidFile = this.ctx.paths.pid(this.name);
    if (!this.embedded) return this.requireReachable();
    mkdirSync(join(this.ctx.paths.spark, "tmp"), { recursive: true });
    await this.standalone?.start();
    const running = runningPid(pidFile);
    if (running !== undefined) {
      // a server still starting (one the supervisor restarts) is waited for, never started twice
      await waitFor(
        "Spark Connect",
        async () => runningPid(pidFile) !== running || (await this.probe()).healthy,
        {
          timeoutMs: 180_000,
          onWait: (ms) => ui.wait("Spark Connect", ms),
          logHint: this.ctx.paths.log(this.name),
        },
      );
      if (runningPid(pidFile) === running) return;
    }
    await requireFreePorts(this.name, this.ports, this.portVariable);
    const master = this.standalone?.masterUrl ?? "local[*]";
    ui.step(
      `starting Spark Connect on :${this.ctx.config.spark.port} (${master}, heap ${this.ctx.config.spark.driverMemory})…`,
    );
    const pid = startDaemon({
      name: this.name,
      command: javaBinary(),
      args: [
        `-Xmx${this.ctx.config.spark.driverMemory}`,
        ...moduleFlags,
        `-Dlog4j2.configurationFile=${join(infra(), "log4j2.properties")}`,
        ...this.sparkConf(),
        "-cp",
        this.libDirs.map((dir) => `${dir}/*`).join(":"),
        "org.apache.spark.sql.connect.service.SparkConnectServer",
      ],
      pidFile,
      logFile: this.ctx.paths.log(this.name),
      cwd: this.ctx.paths.spark,
      // credentials travel in the environment, not on the command line that ps shows
      env: {
        ...sparkNetworkEnv(this.ctx.config),
        ...(this.ctx.config.s3.enabled
          ? {
              AWS_ACCESS_KEY_ID: this.ctx.config.s3.accessKey,
              AWS_SECRET_ACCESS_KEY: this.ctx.config.s3.secretKey,
            }
          : {}),
      },
    });
    await waitFor("Spark Connect", async () => (await this.probe()).healthy, {
      timeoutMs: 180_000,
      alive: () => runningPid(pidFile) === pid,
      onWait: (ms) => ui.wait("Spark Connect", ms),
      logHint: this.ctx.paths.log(this.name),
    });
  }

  private async requireReachable(): Promise<void> {
    const probe = await this.probe();
    if (!probe.healthy) {
      throw new EcomError(
        errorCodes.unreachable,
        `Spark Connect at ${this.endpoint} is unreachable: ${probe.detail}`,
        {
          fix: "check ECOM_SPARK_REMOTE (sc://host:15002 of a running Spark Connect server), or unset it to use the embedded one",
        },
      );
    }
  }

  async stop(): Promise<boolean> {
    const server = await stopDaemon(this.ctx.paths.pid(this.name), { graceMs: 30_000 });
    const cluster = (await this.standalone?.stop()) ?? false;
    return server || cluster;
  }

  async probe(): Promise<ProbeResult> {
    const { host, port } = sparkHostPort(this.endpoint);
    if (!(await canConnect(host, port)))
      return { healthy: false, detail: `nothing listens on ${host}:${port}` };
    const server = await probeSparkConnect(this.endpoint);
    const standalone = this.embedded ? this.standalone : undefined;
    if (!server.healthy || !standalone) return server;
    const running = standalone.runningWorkers();
    const detail = `${server.detail}, ${running}/${standalone.workerNames.length} workers running`;
    return { healthy: running === standalone.workerNames.length, detail };
  }
}
