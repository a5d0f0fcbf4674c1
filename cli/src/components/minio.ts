import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { CreateBucketCommand, ListBucketsCommand, S3Client } from "@aws-sdk/client-s3";
import {
  canConnect,
  type EcomConfig,
  EcomError,
  errorCodes,
  runningPid,
  startDaemon,
  stopDaemon,
  waitFor,
} from "@ecomstream/runtime";
import { type GoTool, goInstall, goToolPath } from "../install/go.js";
import { ui } from "../ui.js";
import type { Component, ComponentContext, ProbeResult } from "./component.js";
import { requireFreePorts } from "./ports.js";

/**
 * MinIO's last source release line: its repository was archived in 2026 and publishes no binaries,
 * so ecom builds the final commit of the archived repository (the Go module proxy's latest) once.
 */
export const minioServer: GoTool = {
  module: "github.com/minio/minio",
  version: "v0.0.0-20260212201848-7aac2a2c5b7c",
  minimumGo: [1, 24],
  label: "MinIO",
};

/** An S3 client of the configured endpoint (path-style: buckets are not DNS names on MinIO). */
export function s3Client(config: EcomConfig): S3Client {
  return new S3Client({
    endpoint: config.s3.endpoint,
    region: "us-east-1",
    forcePathStyle: true,
    credentials: { accessKeyId: config.s3.accessKey, secretAccessKey: config.s3.secretKey },
    maxAttempts: 1,
  });
}

/** The buckets the lake and checkpoint URIs name (s3a://bucket/…). */
export function lakeBuckets(config: EcomConfig): string[] {
  const buckets = [config.lake.uri, config.checkpoints.uri]
    .filter((uri) => uri.startsWith("s3a:"))
    .map((uri) => new URL(uri).hostname);
  return [...new Set(buckets)];
}

/** Creates the lake's buckets when missing; existing buckets are left as they are. */
export async function ensureBuckets(config: EcomConfig): Promise<string[]> {
  const client = s3Client(config);
  try {
    const existing = new Set(
      ((await client.send(new ListBucketsCommand({}))).Buckets ?? []).map((b) => b.Name),
    );
    const created: string[] = [];
    for (const bucket of lakeBuckets(config)) {
      if (existing.has(bucket)) continue;
      await client.send(new CreateBucketCommand({ Bucket: bucket }));
      created.push(bucket);
    }
    return created;
  } finally {
    client.destroy();
  }
}

/** The S3 store of the s3 profile: an embedded MinIO server, or an external S3 endpoint probed. */
export class MinioComponent implements Component {
  readonly name = "minio";
  readonly embedded: boolean;
  readonly endpoint: string;
  readonly ports: readonly number[];
  readonly portVariable = "ECOM_S3_PORT / ECOM_S3_CONSOLE_PORT";

  constructor(private readonly ctx: ComponentContext) {
    this.embedded = ctx.config.s3.embedded;
    this.endpoint = ctx.config.s3.endpoint;
    this.ports = [ctx.config.s3.port, ctx.config.s3.consolePort];
  }

  private get dataDir(): string {
    return join(this.ctx.paths.home, "minio", "data");
  }

  async install(): Promise<void> {
    if (this.embedded) await goInstall(this.ctx.config.cache, minioServer);
  }

  async start(): Promise<void> {
    const pidFile = this.ctx.paths.pid(this.name);
    if (!this.embedded) return this.requireReachable();
    const running = runningPid(pidFile);
    if (running !== undefined) {
      // a server still starting (one the supervisor restarts) is waited for, never started twice
      await waitFor("MinIO", async () => runningPid(pidFile) !== running || (await this.probe()).healthy, {
        timeoutMs: 60_000,
        onWait: (ms) => ui.wait("MinIO", ms),
        logHint: this.ctx.paths.log(this.name),
      });
    }
    if (runningPid(pidFile) === undefined) {
      await requireFreePorts(this.name, this.ports, this.portVariable);
      mkdirSync(this.dataDir, { recursive: true });
      const { port, consolePort, accessKey, secretKey } = this.ctx.config.s3;
      ui.step(`starting MinIO on :${port} (console :${consolePort})…`);
      const pid = startDaemon({
        name: this.name,
        command: goToolPath(this.ctx.config.cache, minioServer),
        args: [
          "server",
          this.dataDir,
          "--address",
          `${this.ctx.config.bindAddress}:${port}`,
          "--console-address",
          `${this.ctx.config.bindAddress}:${consolePort}`,
          "--quiet",
        ],
        env: {
          ...process.env,
          MINIO_ROOT_USER: accessKey,
          MINIO_ROOT_PASSWORD: secretKey,
          MINIO_UPDATE: "off",
          MINIO_BROWSER_REDIRECT: "off",
        },
        pidFile,
        logFile: this.ctx.paths.log(this.name),
      });
      await waitFor("MinIO", async () => (await this.probe()).healthy, {
        timeoutMs: 60_000,
        alive: () => runningPid(pidFile) === pid,
        onWait: (ms) => ui.wait("MinIO", ms),
        logHint: this.ctx.paths.log(this.name),
      });
    }
    await this.createBuckets();
  }

  private async createBuckets(): Promise<void> {
    const created = await ensureBuckets(this.ctx.config);
    if (created.length > 0) ui.step(`created bucket(s) ${created.join(", ")}`);
  }

  private async requireReachable(): Promise<void> {
    const probe = await this.probe();
    if (!probe.healthy) {
      throw new EcomError(errorCodes.unreachable, `S3 at ${this.endpoint} is unreachable: ${probe.detail}`, {
        fix: "check ECOM_S3_ENDPOINT, ECOM_S3_ACCESS_KEY and ECOM_S3_SECRET_KEY, or unset ECOM_S3_ENDPOINT to use the embedded MinIO",
      });
    }
    await this.createBuckets();
  }

  stop(): Promise<boolean> {
    return stopDaemon(this.ctx.paths.pid(this.name), { graceMs: 20_000 });
  }

  /** A signed ListBuckets round trip with the configured credentials. */
  async probe(): Promise<ProbeResult> {
    const url = new URL(this.endpoint);
    const port = Number(url.port || (url.protocol === "https:" ? 443 : 80));
    if (!(await canConnect(url.hostname, port)))
      return { healthy: false, detail: `nothing listens on ${url.hostname}:${port}` };
    const client = s3Client(this.ctx.config);
    try {
      const buckets = ((await client.send(new ListBucketsCommand({}))).Buckets ?? []).map((b) => b.Name);
      const missing = lakeBuckets(this.ctx.config).filter((b) => !buckets.includes(b));
      const note = missing.length > 0 ? `; bucket ${missing.join(", ")} missing` : "";
      return { healthy: true, detail: `S3 API, buckets: ${buckets.join(", ") || "none"}${note}` };
    } catch (error) {
      return { healthy: false, detail: (error as Error).message.split("\n")[0] || "unreachable" };
    } finally {
      client.destroy();
    }
  }
}
