import { readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { canConnect, type EcomConfig, runningPid, stopDaemon } from "@ecomstream/runtime";
import { parseConnectionString } from "@ecomstream/spark-connect";
import { stopStageQueries } from "@ecomstream/stage";
import type { Component } from "../components/component.js";
import { infrastructure, services } from "../platform.js";
import { statePaths } from "../state.js";
import { stopSupervisor } from "../supervisor/control.js";
import { clearSupervision } from "../supervisor/state.js";
import { ui } from "../ui.js";

/** Stops what `up` started, in reverse order; `--purge` also wipes all state but the download cache. */
export async function downCommand(config: EcomConfig, options: { purge: boolean }): Promise<number> {
  const stop = async (components: Component[]) => {
    for (const component of components.reverse()) {
      if (!component.embedded) continue;
      const stopped = await component.stop();
      ui.step(stopped ? `stopped ${component.name}` : `${component.name} was not running`);
    }
  };
  // first, so nothing stopped below comes back
  clearSupervision(config);
  if (await stopSupervisor(config)) ui.step("stopped the supervisor");
  await stop(services(config));
  // before Kafka stops: a query whose broker is gone takes a minute to stop
  if (!config.spark.embedded) await stopQueriesOnExternalSpark(config);
  await stop(infrastructure(config));
  // daemons of another profile (e.g. MinIO after `up --profile s3`, then a plain `down`)
  const { run } = statePaths(config);
  for (const name of leftoverDaemons(run)) {
    if (await stopDaemon(join(run, `${name}.pid`), { graceMs: 20_000 }))
      ui.step(`stopped ${name} (started with another --profile)`);
  }
  if (options.purge) {
    const { home, cache } = statePaths(config);
    // an external Postgres keeps its roles' passwords: so does the home, or the next up is refused
    const secrets = config.postgres.embedded ? undefined : config.postgres.secretsDir;
    for (const entry of safeList(home)) {
      const path = join(home, entry);
      if (path !== cache && path !== secrets) rmSync(path, { recursive: true, force: true });
    }
    const kept = secrets === undefined ? "" : ` and the external Postgres roles' passwords ${secrets}`;
    ui.step(`purged state under ${home} (kept the download cache ${cache}${kept})`);
  }
  return 0;
}

/** A Spark server that `down` leaves running would keep running the stages' streaming queries. */
async function stopQueriesOnExternalSpark(config: EcomConfig): Promise<void> {
  const { host, port } = parseConnectionString(config.spark.remote);
  if (!(await canConnect(host, port))) return;
  const stopped = await stopStageQueries(config.spark.remote, config.home);
  if (stopped.length > 0)
    ui.step(`stopped streaming queries on ${config.spark.remote}: ${stopped.join(", ")}`);
}

/** Daemons whose pid file under run/ names a live process. */
function leftoverDaemons(runDir: string): string[] {
  return safeList(runDir)
    .filter((file) => file.endsWith(".pid"))
    .map((file) => file.slice(0, -4))
    .filter((name) => runningPid(join(runDir, `${name}.pid`)) !== undefined);
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
