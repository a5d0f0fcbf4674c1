import { join } from "node:path";
import { repoRoot, runningPid, startDaemon, stopDaemon, waitFor } from "@ecomstream/runtime";
import { ui } from "../ui.js";
import type { Component, ComponentContext, ProbeResult } from "./component.js";
import { serviceEnv } from "./service-env.js";

interface QueryHealth {
  name: string;
  phase: string;
  lastError?: { message: string };
}

interface ServiceHealth {
  healthy?: boolean;
  spark?: string;
  queries?: QueryHealth[];
  loopError?: string;
  degraded?: boolean;
  degradedReasons?: string[];
}

/** One line about a service's /health answer: its queries' phases and the last error, if any. */
export function describeHealth(health: ServiceHealth): string {
  const queries = (health.queries ?? []).map((q) => `${q.name} ${q.phase}`);
  const errors = (health.queries ?? []).flatMap((q) =>
    q.lastError && q.phase !== "running" ? [q.lastError.message] : [],
  );
  const reasons = health.degradedReasons ?? [];
  // a failing loop is among the reasons a stage is degraded: named once
  if (health.loopError && !reasons.some((r) => r.includes(health.loopError as string)))
    errors.push(health.loopError);
  const spark = health.spark && health.spark !== "connected" ? [`spark ${health.spark}`] : [];
  return (
    [...queries, ...spark, ...errors.map((e) => `error: ${e}`), ...reasons.map((r) => `degraded: ${r}`)].join(
      "; ",
    ) || "up"
  );
}

/** A service of ours (TypeScript on Node), run as a daemon with /health on its port. */
export class NodeServiceComponent implements Component {
  readonly embedded = true;
  readonly endpoint: string;
  readonly ports: readonly number[];

  /** A service with /health on `port`; with port undefined, a worker judged by its process alone. */
  constructor(
    private readonly ctx: ComponentContext,
    readonly name: string,
    private readonly port: number | undefined,
    readonly portVariable: string,
    private readonly args: readonly string[] = [],
  ) {
    this.endpoint = port === undefined ? "(worker)" : `http://localhost:${port}`;
    this.ports = port === undefined ? [] : [port];
  }

  async install(): Promise<void> {}

  /** The script the daemon runs: services/<name>/src/main.ts. */
  protected entry(): string {
    return join(repoRoot(), "services", this.name, "src", "main.ts");
  }

  async start(): Promise<void> {
    const pidFile = this.ctx.paths.pid(this.name);
    if (runningPid(pidFile) !== undefined) return;
    ui.step(`starting ${this.name} (${this.endpoint})…`);
    const pid = startDaemon({
      name: this.name,
      command: process.execPath,
      args: ["--import", "tsx", this.entry(), ...this.args],
      pidFile,
      logFile: this.ctx.paths.log(this.name),
      cwd: repoRoot(),
      env: serviceEnv(this.ctx.config, this.name),
    });
    if (this.port === undefined) return;
    await waitFor(this.name, async () => (await this.fetchHealth()) !== undefined, {
      timeoutMs: 120_000,
      alive: () => runningPid(pidFile) === pid,
      onWait: (ms) => ui.wait(this.name, ms),
      logHint: this.ctx.paths.log(this.name),
    });
  }

  stop(): Promise<boolean> {
    return stopDaemon(this.ctx.paths.pid(this.name), { graceMs: 15_000 });
  }

  private async fetchHealth(): Promise<ServiceHealth | undefined> {
    if (this.port === undefined) return undefined;
    try {
      const response = await fetch(`${this.endpoint}/health`, { signal: AbortSignal.timeout(3000) });
      return (await response.json()) as ServiceHealth;
    } catch {
      return undefined;
    }
  }

  async probe(): Promise<ProbeResult> {
    const running = runningPid(this.ctx.paths.pid(this.name)) !== undefined;
    if (this.port === undefined) return { healthy: running, detail: running ? "running" : "not running" };
    const health = await this.fetchHealth();
    if (!health) {
      return { healthy: false, detail: running ? "running but /health does not answer" : "not running" };
    }
    return {
      healthy: health.healthy === true,
      degraded: health.healthy === true && health.degraded === true,
      detail: describeHealth(health),
    };
  }
}
