import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { type EcomConfig, EcomError, errorCodes, repoRoot, waitFor } from "@ecomstream/runtime";
import { freePort, type TempDatabase, tempDatabase } from "@ecomstream/testkit";
import { serviceEnv } from "../components/service-env.js";

/** One of our services run as its own process (services/<name>/src/main.ts), as `./ecom up` runs it. */
class ServiceProcess {
  private output = "";
  private exited = false;

  private constructor(
    readonly name: string,
    private readonly child: ChildProcess,
  ) {
    const keep = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString()).slice(-4000);
    };
    child.stdout?.on("data", keep);
    child.stderr?.on("data", keep);
    child.once("exit", () => {
      this.exited = true;
    });
  }

  static start(name: string, config: EcomConfig): ServiceProcess {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", join(repoRoot(), "services", name, "src", "main.ts")],
      {
        cwd: repoRoot(),
        stdio: ["ignore", "pipe", "pipe"],
        env: { ...serviceEnv(config, name), ECOM_LOG_LEVEL: "warn" },
      },
    );
    return new ServiceProcess(name, child);
  }

  get alive(): boolean {
    return !this.exited;
  }

  /** Its last output lines (to explain a failure). */
  get lastOutput(): string {
    return this.output.trim().split("\n").slice(-5).join("\n");
  }

  /** Waits until `url` answers at all (any status). */
  async ready(url: string, timeoutMs = 120_000): Promise<void> {
    try {
      await waitFor(
        this.name,
        async () => {
          try {
            await fetch(url, { signal: AbortSignal.timeout(2000) });
            return true;
          } catch {
            return false;
          }
        },
        { timeoutMs, alive: () => this.alive },
      );
    } catch (error) {
      throw new EcomError(
        errorCodes.startup,
        `${this.name} for the bench did not start: ${this.lastOutput}`,
        {
          fix: "run ./ecom status (Kafka, Spark and Postgres must be up), then the bench again",
          cause: error,
        },
      );
    }
  }

  /** SIGTERM, then SIGKILL after `graceMs`; resolves once the process is gone. */
  async stop(graceMs = 15_000): Promise<void> {
    if (this.exited) return;
    const gone = new Promise<void>((resolve) => this.child.once("exit", () => resolve()));
    this.child.kill("SIGTERM");
    const timer = setTimeout(() => this.child.kill("SIGKILL"), graceMs);
    await gone;
    clearTimeout(timer);
  }

  /** Ends the process at once (the bench's own process is exiting). */
  kill(): void {
    if (!this.exited) this.child.kill("SIGKILL");
  }
}

/**
 * The serving side of the pipeline for a bench run: a database of its own (the serving migrations
 * applied), the loader consuming the bench's KPI topic into it, and the API reading it, each as its
 * own process on free ports. `stop()` ends both and drops the database.
 */
export class ServingServices {
  private constructor(
    readonly apiUrl: string,
    private readonly database: TempDatabase,
    private readonly processes: ServiceProcess[],
    private readonly onExit: () => void,
  ) {}

  static async start(config: EcomConfig): Promise<ServingServices> {
    const database = await tempDatabase("ecom_bench");
    const processes: ServiceProcess[] = [];
    const onExit = () => {
      for (const service of processes) service.kill();
    };
    process.once("exit", onExit);
    const serving = new ServingServices("", database, processes, onExit);
    try {
      const loaderPort = await freePort();
      const apiPort = await freePort();
      const servingConfig: EcomConfig = {
        ...config,
        postgres: { ...config.postgres, url: database.url },
        pipeline: { ...config.pipeline, ports: { ...config.pipeline.ports, loader: loaderPort } },
        api: { ...config.api, port: apiPort, rateLimitPerMinute: 0 },
      };
      const loader = ServiceProcess.start("loader", servingConfig);
      processes.push(loader);
      const api = ServiceProcess.start("api", servingConfig);
      processes.push(api);
      await loader.ready(`http://localhost:${loaderPort}/health`);
      await api.ready(`http://localhost:${apiPort}/health`);
      return new ServingServices(`http://localhost:${apiPort}`, database, processes, onExit);
    } catch (error) {
      await serving.stop();
      throw error;
    }
  }

  async stop(): Promise<void> {
    await Promise.all(this.processes.map((service) => service.stop()));
    process.removeListener("exit", this.onExit);
    await this.database.drop();
  }
}
