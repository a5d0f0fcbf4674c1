import { existsSync, mkdirSync, readdirSync, rmSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import {
  canConnect,
  type EcomConfig,
  runningPid,
  startDaemon,
  stopDaemon,
  waitFor,
} from "@ecomstream/runtime";
import { javaBinary } from "../install/java.js";
import { ui } from "../ui.js";
import type { ComponentContext } from "./component.js";
import { requireFreePorts } from "./ports.js";

/**
 * The environment of every Spark JVM ecom starts: Spark's web UIs (the server's :4040, the
 * standalone master's and workers') bind SPARK_LOCAL_IP, else every interface.
 */
export function sparkNetworkEnv(config: EcomConfig): NodeJS.ProcessEnv {
  return { ...process.env, SPARK_LOCAL_IP: config.bindAddress };
}

/**
 * A Spark standalone cluster from the same pinned jars as the Connect server: one master and
 * `config.spark.workers` workers of one core each (cluster profile). Workers launch executors with
 * Spark's own launcher, which wants a SPARK_HOME with a `jars` folder: ecom lays one out of links.
 */
export class SparkStandalone {
  constructor(
    private readonly ctx: ComponentContext,
    private readonly libDirs: readonly string[],
    private readonly moduleFlags: readonly string[],
  ) {}

  get masterUrl(): string {
    return `spark://localhost:${this.ctx.config.spark.masterPort}`;
  }

  get workerNames(): string[] {
    return Array.from({ length: this.ctx.config.spark.workers }, (_, i) => `spark-worker-${i + 1}`);
  }

  /** Workers whose process runs (a killed one is restarted by the next `./ecom up`). */
  runningWorkers(): number {
    return this.workerNames.filter((name) => runningPid(this.ctx.paths.pid(name)) !== undefined).length;
  }

  /** The SPARK_HOME workers run executors from: `jars/` links every jar of the lib folders. */
  private sparkHome(): string {
    const home = join(this.ctx.paths.spark, "dist");
    const jars = join(home, "jars");
    rmSync(jars, { recursive: true, force: true });
    mkdirSync(jars, { recursive: true });
    for (const dir of this.libDirs) {
      for (const jar of readdirSync(dir).filter((f) => f.endsWith(".jar"))) {
        if (!existsSync(join(jars, jar))) symlinkSync(join(dir, jar), join(jars, jar));
      }
    }
    return home;
  }

  private daemon(
    name: string,
    mainClass: string,
    args: string[],
    env = sparkNetworkEnv(this.ctx.config),
  ): number {
    return startDaemon({
      name,
      command: javaBinary(),
      args: [
        "-Xmx256m",
        ...this.moduleFlags,
        "-cp",
        this.libDirs.map((dir) => `${dir}/*`).join(":"),
        mainClass,
        ...args,
      ],
      pidFile: this.ctx.paths.pid(name),
      logFile: this.ctx.paths.log(name),
      cwd: this.ctx.paths.spark,
      env,
    });
  }

  /** Starts the master and every worker that is not running (a killed worker comes back). */
  async start(): Promise<void> {
    const { masterPort } = this.ctx.config.spark;
    if (runningPid(this.ctx.paths.pid("spark-master")) === undefined) {
      await requireFreePorts("spark-master", [masterPort], "ECOM_SPARK_MASTER_PORT");
      ui.step(`starting the Spark standalone master on :${masterPort}…`);
      // its RPC (and the workers') stays on loopback: every member of this cluster runs here
      const pid = this.daemon("spark-master", "org.apache.spark.deploy.master.Master", [
        "--host",
        "localhost",
        "--port",
        String(masterPort),
        "--webui-port",
        "0",
      ]);
      await waitFor("Spark master", () => canConnect("localhost", masterPort), {
        timeoutMs: 60_000,
        alive: () => runningPid(this.ctx.paths.pid("spark-master")) === pid,
        logHint: this.ctx.paths.log("spark-master"),
      });
    }
    const down = this.workerNames.filter((name) => runningPid(this.ctx.paths.pid(name)) === undefined);
    if (down.length === 0) return;
    const env = {
      ...sparkNetworkEnv(this.ctx.config),
      SPARK_HOME: this.sparkHome(),
      SPARK_SCALA_VERSION: "2.13",
    };
    for (const name of down) {
      ui.step(`starting ${name} (1 core) for ${this.masterUrl}…`);
      const workDir = join(this.ctx.paths.spark, name);
      mkdirSync(workDir, { recursive: true });
      this.daemon(
        name,
        "org.apache.spark.deploy.worker.Worker",
        [
          "--host",
          "localhost",
          "--cores",
          "1",
          "--memory",
          "1g",
          "--webui-port",
          "0",
          "--work-dir",
          workDir,
          this.masterUrl,
        ],
        env,
      );
    }
  }

  /** Executor settings of the Connect server (its driver) on this cluster. */
  conf(): Record<string, string> {
    return {
      "spark.master": this.masterUrl,
      "spark.driver.host": "localhost",
      "spark.executor.cores": "1",
      "spark.executor.memory": "768m",
      "spark.cores.max": String(this.ctx.config.spark.workers),
      // a lost executor is replaced on a live worker; tasks retry there
      "spark.task.maxFailures": "8",
    };
  }

  async stop(): Promise<boolean> {
    const names = [...this.workerNames, "spark-master"];
    const stopped = await Promise.all(
      names.map((name) => stopDaemon(this.ctx.paths.pid(name), { graceMs: 15_000 })),
    );
    return stopped.some(Boolean);
  }
}
