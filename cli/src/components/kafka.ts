import { execFile } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import {
  canConnect,
  EcomError,
  errorCodes,
  parseHostPort,
  repoRoot,
  runningPid,
  startDaemon,
  stopDaemon,
  waitFor,
} from "@ecomstream/runtime";
import { Admin } from "@platformatic/kafka";
import { javaBinary, requireJava } from "../install/java.js";
import { resolveJars } from "../install/maven.js";
import { ui } from "../ui.js";
import type { Component, ComponentContext, ProbeResult } from "./component.js";
import { requireFreePorts } from "./ports.js";

const execFileAsync = promisify(execFile);
const infra = () => join(repoRoot(), "infra", "kafka");

/** Runs a short Kafka admin session against the bootstrap servers. */
export async function withKafkaAdmin<T>(bootstrap: string, work: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = new Admin({
    clientId: "ecom-cli",
    bootstrapBrokers: bootstrap.split(","),
    retries: 1,
    timeout: 5000,
    connectTimeout: 3000,
  });
  try {
    return await work(admin);
  } finally {
    await admin.close().catch(() => undefined);
  }
}

/** Creates the topic when missing; an existing topic is left as it is. */
export async function ensureTopic(bootstrap: string, topic: string, partitions: number): Promise<void> {
  await withKafkaAdmin(bootstrap, async (admin) => {
    const topics = await admin.listTopics();
    if (topics.includes(topic)) return;
    await admin.createTopics({ topics: [topic], partitions, replicas: 1 });
  });
}

export class KafkaComponent implements Component {
  readonly name = "kafka";
  readonly embedded: boolean;
  readonly endpoint: string;
  readonly ports: readonly number[];
  readonly portVariable = "ECOM_KAFKA_PORT / ECOM_KAFKA_CONTROLLER_PORT";

  constructor(private readonly ctx: ComponentContext) {
    this.embedded = ctx.config.kafka.embedded;
    this.endpoint = ctx.config.kafka.bootstrap;
    this.ports = [ctx.config.kafka.port, ctx.config.kafka.controllerPort];
  }

  private get lib(): string {
    return this.ctx.paths.mavenLib("kafka");
  }

  async install(): Promise<void> {
    if (!this.embedded) return;
    requireJava();
    await resolveJars(join(infra(), "pom.xml"), this.lib, "Apache Kafka");
  }

  /** Runs one of Kafka's tools from the resolved jars (asynchronously: other components start meanwhile). */
  private async java(args: string[]): Promise<string> {
    try {
      const { stdout } = await execFileAsync(javaBinary(), ["-cp", `${this.lib}/*`, ...args], {
        encoding: "utf8",
      });
      return stdout;
    } catch (error) {
      const { stderr, stdout } = error as { stderr?: string; stdout?: string };
      throw new EcomError(
        errorCodes.startup,
        `kafka tool ${args[0]} failed: ${(stderr || stdout || "").trim()}`,
        {
          fix: "read the message above; ./ecom down --purge resets Kafka's storage",
          cause: error,
        },
      );
    }
  }

  /** Writes server.properties and formats the storage once (a formatted folder keeps its data). */
  private async prepare(): Promise<string> {
    const { kafka } = this.ctx.paths;
    const dataDir = join(kafka, "data");
    const properties = join(kafka, "server.properties");
    mkdirSync(dataDir, { recursive: true });
    const values: Record<string, string> = {
      port: String(this.ctx.config.kafka.port),
      controllerPort: String(this.ctx.config.kafka.controllerPort),
      dataDir,
      partitions: String(this.ctx.config.topic.partitions),
    };
    const template = readFileSync(join(infra(), "server.properties.template"), "utf8");
    writeFileSync(
      properties,
      template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => values[key] ?? ""),
    );
    if (!existsSync(join(dataDir, "meta.properties"))) {
      ui.step("formatting Kafka storage (KRaft, once)…");
      const clusterId =
        (await this.java(["kafka.tools.StorageTool", "random-uuid"])).trim().split("\n").pop() ?? "";
      await this.java([
        "kafka.tools.StorageTool",
        "format",
        "--standalone",
        "-t",
        clusterId,
        "-c",
        properties,
      ]);
    }
    return properties;
  }

  async start(): Promise<void> {
    const pidFile = this.ctx.paths.pid(this.name);
    if (!this.embedded) return this.requireReachable();
    if (runningPid(pidFile) !== undefined && (await this.probe()).healthy) return this.createTopics();
    await requireFreePorts(this.name, this.ports, this.portVariable);
    const properties = await this.prepare();
    ui.step(`starting Kafka on :${this.ctx.config.kafka.port}…`);
    const pid = startDaemon({
      name: this.name,
      command: javaBinary(),
      args: [
        "-Xms256m",
        "-Xmx1g",
        "-XX:+UseG1GC",
        `-Dlog4j2.configurationFile=${join(infra(), "log4j2.properties")}`,
        "-cp",
        `${this.lib}/*`,
        "kafka.Kafka",
        properties,
      ],
      pidFile,
      logFile: this.ctx.paths.log(this.name),
    });
    await waitFor("Kafka", async () => (await this.probe()).healthy, {
      timeoutMs: 90_000,
      alive: () => runningPid(pidFile) === pid,
      onWait: (ms) => ui.wait("Kafka", ms),
      logHint: this.ctx.paths.log(this.name),
    });
    await this.createTopics();
  }

  private async createTopics(): Promise<void> {
    const { topic } = this.ctx.config;
    await ensureTopic(this.endpoint, topic.name, topic.partitions);
    await ensureTopic(this.endpoint, topic.kpiName, topic.partitions);
  }

  private async requireReachable(): Promise<void> {
    const probe = await this.probe();
    if (!probe.healthy) {
      throw new EcomError(
        errorCodes.unreachable,
        `Kafka at ${this.endpoint} is unreachable: ${probe.detail}`,
        {
          fix: "check ECOM_KAFKA_BOOTSTRAP (host:port of a reachable broker), or unset it to use the embedded Kafka",
        },
      );
    }
    await this.createTopics();
  }

  stop(): Promise<boolean> {
    return stopDaemon(this.ctx.paths.pid(this.name), { graceMs: 30_000 });
  }

  async probe(): Promise<ProbeResult> {
    const { host, port } = parseHostPort(this.endpoint);
    if (!(await canConnect(host, port)))
      return { healthy: false, detail: `nothing listens on ${host}:${port}` };
    try {
      const metadata = await withKafkaAdmin(this.endpoint, async (admin) => {
        const topics = (await admin.listTopics()).filter((t) => t === this.ctx.config.topic.name);
        return admin.metadata({ topics, forceUpdate: true });
      });
      const topic = metadata.topics.get(this.ctx.config.topic.name);
      const topicNote = topic ? `, ${this.ctx.config.topic.name}: ${topic.partitionsCount} partitions` : "";
      return { healthy: true, detail: `${metadata.brokers.size} broker(s)${topicNote}` };
    } catch (error) {
      return { healthy: false, detail: (error as Error).message.split("\n")[0] ?? "unreachable" };
    }
  }
}
