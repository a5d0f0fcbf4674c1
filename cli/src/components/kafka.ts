import { execFile } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import type { EcomConfig } from "@ecomstream/runtime";
import {
  canConnect,
  EcomError,
  errorCodes,
  isLoopback,
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

/** Creates the topic when missing (replicated with min.insync.replicas); an existing topic is left as it is. */
export async function ensureTopic(
  bootstrap: string,
  topic: string,
  partitions: number,
  replication: { replicas: number; minInsyncReplicas: number } = { replicas: 1, minInsyncReplicas: 1 },
): Promise<void> {
  await withKafkaAdmin(bootstrap, async (admin) => {
    const topics = await admin.listTopics();
    if (topics.includes(topic)) return;
    await admin.createTopics({
      topics: [topic],
      partitions,
      replicas: replication.replicas,
      configs: [{ name: "min.insync.replicas", value: String(replication.minInsyncReplicas) }],
    });
  });
}

/** One embedded KRaft node (combined broker and controller): node 1 is `kafka`, the others `kafka-N`. */
export interface KafkaNode {
  id: number;
  name: string;
  port: number;
  controllerPort: number;
}

export function kafkaNodes(config: EcomConfig): KafkaNode[] {
  return Array.from({ length: config.kafka.brokers }, (_, i) => ({
    id: i + 1,
    name: i === 0 ? "kafka" : `kafka-${i + 1}`,
    port: config.kafka.port + 2 * i,
    controllerPort: config.kafka.controllerPort + 2 * i,
  }));
}

export class KafkaComponent implements Component {
  readonly name = "kafka";
  readonly embedded: boolean;
  readonly endpoint: string;
  readonly ports: readonly number[];
  readonly portVariable = "ECOM_KAFKA_PORT / ECOM_KAFKA_CONTROLLER_PORT";
  private readonly nodes: KafkaNode[];

  constructor(private readonly ctx: ComponentContext) {
    this.embedded = ctx.config.kafka.embedded;
    this.endpoint = ctx.config.kafka.bootstrap;
    this.nodes = kafkaNodes(ctx.config);
    this.ports = this.nodes.flatMap((node) => [node.port, node.controllerPort]);
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

  /**
   * Writes a node's server.properties and formats its storage once (a formatted folder keeps its
   * data). One node is a standalone KRaft quorum; three nodes share a static quorum of voters.
   */
  private async prepare(node: KafkaNode, clusterId: string): Promise<string> {
    const folder = join(this.ctx.paths.home, node.name);
    const dataDir = join(folder, "data");
    const properties = join(folder, "server.properties");
    mkdirSync(dataDir, { recursive: true });
    const values: Record<string, string> = {
      nodeId: String(node.id),
      port: String(node.port),
      controllerPort: String(node.controllerPort),
      voters: this.nodes.map((n) => `${n.id}@localhost:${n.controllerPort}`).join(","),
      bindAddress: this.ctx.config.bindAddress,
      // exposed, the broker tells clients elsewhere this machine's name (Kafka's own default)
      advertisedHost: isLoopback(this.ctx.config.bindAddress) ? "localhost" : hostname(),
      dataDir,
      partitions: String(this.ctx.config.topic.partitions),
    };
    const cluster = this.nodes.length > 1;
    const templateFile = cluster ? "cluster-node.properties.template" : "server.properties.template";
    const template = readFileSync(join(infra(), templateFile), "utf8");
    writeFileSync(
      properties,
      template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => values[key] ?? ""),
    );
    if (!existsSync(join(dataDir, "meta.properties"))) {
      ui.step(`formatting ${node.name} storage (KRaft, once)…`);
      const quorum = cluster ? [] : ["--standalone"];
      await this.java(["kafka.tools.StorageTool", "format", ...quorum, "-t", clusterId, "-c", properties]);
    }
    return properties;
  }

  /** The cluster id the nodes were formatted with, or a new one (kept in $ECOM_HOME/kafka/cluster-id). */
  private async clusterId(): Promise<string> {
    const file = join(this.ctx.paths.kafka, "cluster-id");
    if (existsSync(file)) return readFileSync(file, "utf8").trim();
    const id = (await this.java(["kafka.tools.StorageTool", "random-uuid"])).trim().split("\n").pop() ?? "";
    mkdirSync(this.ctx.paths.kafka, { recursive: true });
    writeFileSync(file, `${id}\n`);
    return id;
  }

  /** Starts every node that is not running (a killed broker rejoins), then waits for all of them. */
  async start(): Promise<void> {
    if (!this.embedded) return this.requireReachable();
    const down = this.nodes.filter((node) => runningPid(this.ctx.paths.pid(node.name)) === undefined);
    if (down.length > 0) {
      const clusterId = await this.clusterId();
      await Promise.all(down.map((node) => this.startNode(node, clusterId)));
    }
    await waitFor("Kafka", async () => (await this.probe()).healthy, {
      timeoutMs: 90_000,
      alive: () => this.nodes.every((node) => runningPid(this.ctx.paths.pid(node.name)) !== undefined),
      onWait: (ms) => ui.wait("Kafka", ms),
      logHint: this.ctx.paths.log(this.name),
    });
    await this.createTopics();
  }

  private async startNode(node: KafkaNode, clusterId: string): Promise<void> {
    await requireFreePorts(node.name, [node.port, node.controllerPort], this.portVariable);
    const properties = await this.prepare(node, clusterId);
    ui.step(`starting ${node.name} on :${node.port}…`);
    startDaemon({
      name: node.name,
      command: javaBinary(),
      args: [
        "-Xms256m",
        this.nodes.length > 1 ? "-Xmx512m" : "-Xmx1g",
        "-XX:+UseG1GC",
        `-Dlog4j2.configurationFile=${join(infra(), "log4j2.properties")}`,
        "-cp",
        `${this.lib}/*`,
        "kafka.Kafka",
        properties,
      ],
      pidFile: this.ctx.paths.pid(node.name),
      logFile: this.ctx.paths.log(node.name),
    });
  }

  private async createTopics(): Promise<void> {
    const { topic } = this.ctx.config;
    await ensureTopic(this.endpoint, topic.name, topic.partitions, topic);
    await ensureTopic(this.endpoint, topic.kpiName, topic.partitions, topic);
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

  async stop(): Promise<boolean> {
    const stopped = await Promise.all(
      this.nodes.map((node) => stopDaemon(this.ctx.paths.pid(node.name), { graceMs: 30_000 })),
    );
    return stopped.some(Boolean);
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
      const detail = `${metadata.brokers.size} broker(s)${topicNote}`;
      // an embedded cluster is healthy while every node runs and has joined
      if (this.embedded && this.nodes.length > 1) {
        const running = this.nodes.filter((n) => runningPid(this.ctx.paths.pid(n.name)) !== undefined);
        if (running.length < this.nodes.length || metadata.brokers.size < this.nodes.length)
          return {
            healthy: false,
            detail: `${detail}; ${running.length}/${this.nodes.length} nodes running`,
          };
      }
      return { healthy: true, detail };
    } catch (error) {
      return { healthy: false, detail: (error as Error).message.split("\n")[0] ?? "unreachable" };
    }
  }
}
