import { readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { canConnect, type EcomConfig } from "@ecomstream/runtime";
import { parseConnectionString } from "@ecomstream/spark-connect";
import { stopStageQueries } from "@ecomstream/stage";
import { platform } from "../platform.js";
import { statePaths } from "../state.js";
import { ui } from "../ui.js";

/** Stops what `up` started, in reverse order; `--purge` also wipes all state but the download cache. */
export async function downCommand(config: EcomConfig, options: { purge: boolean }): Promise<number> {
  const components = platform(config).reverse();
  for (const component of components) {
    if (!component.embedded) continue;
    const stopped = await component.stop();
    ui.step(stopped ? `stopped ${component.name}` : `${component.name} was not running`);
  }
  if (!config.spark.embedded) await stopQueriesOnExternalSpark(config);
  if (options.purge) {
    const { home, cache } = statePaths(config);
    for (const entry of safeList(home)) {
      const path = join(home, entry);
      if (path !== cache) rmSync(path, { recursive: true, force: true });
    }
    ui.step(`purged state under ${home} (kept the download cache ${cache})`);
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

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
