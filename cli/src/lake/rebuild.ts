import { cpSync, existsSync, mkdirSync, renameSync, rmSync } from "node:fs";
import { basename, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { canConnect, type EcomConfig, EcomError, errorCodes, runningPid } from "@ecomstream/runtime";
import { parseConnectionString } from "@ecomstream/spark-connect";
import { stopStageQueries } from "@ecomstream/stage";
import { services } from "../platform.js";
import { statePaths } from "../state.js";
import { startSupervisor, stopSupervisor } from "../supervisor/control.js";
import { removeSupervised } from "../supervisor/state.js";
import { rebuildOnS3Fix } from "./old-lake.js";

/** The stages that write, stream or keep state about the lake (each runs Spark queries or loops over it). */
export const lakeStages = ["bronze-writer", "silver-writer", "gold-writer", "loader", "lake-ops"] as const;

export interface MovedFolder {
  what: string;
  from: string;
  to: string;
}

export interface RebuildReport {
  /** `<home>/lake-before-<timestamp>`, or undefined when there was nothing to move. */
  aside: string | undefined;
  moved: MovedFolder[];
  stopped: string[];
}

/** The folders a rebuild moves aside: the lake, the streaming checkpoints, the stages' state files. */
export function rebuildFolders(config: EcomConfig): Array<{ what: string; path: string }> {
  const lake = fileURLToPath(config.lake.uri);
  const checkpoints = fileURLToPath(config.checkpoints.uri);
  const folders = [{ what: "lake", path: lake }];
  // checkpoints inside the lake folder move with it
  if (relative(lake, checkpoints).startsWith("..")) folders.push({ what: "checkpoints", path: checkpoints });
  folders.push({ what: "state", path: join(config.home, "state") });
  return folders;
}

/** A rename, or a copy then removal of the source when the target is on another file system. */
function move(from: string, to: string): void {
  try {
    renameSync(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EXDEV") throw error;
    cpSync(from, to, { recursive: true, preserveTimestamps: true });
    rmSync(from, { recursive: true, force: true });
  }
}

/** Stops the lake's stages (their processes, then their streaming queries on Spark); names of what stopped. */
async function stopLakeStages(config: EcomConfig): Promise<string[]> {
  const stopped: string[] = [];
  // taken out of supervision first, so nothing stopped here comes back before the next `up`
  removeSupervised(config, lakeStages);
  for (const component of services(config).filter((c) => (lakeStages as readonly string[]).includes(c.name)))
    if (await component.stop()) stopped.push(component.name);
  const { host, port } = parseConnectionString(config.spark.remote);
  if (await canConnect(host, port)) {
    const queries = await stopStageQueries(config.spark.remote, config.home);
    stopped.push(...queries.map((q) => `query ${q}`));
  }
  return stopped;
}

/**
 * `./ecom lake rebuild`: stops the lake's stages, moves the lake folder, the streaming checkpoints
 * and the stages' state files to `<home>/lake-before-<timestamp>` (never deletes), so the next
 * `./ecom up` re-ingests the topic from its earliest offset into Delta tables. Local lakes only: on
 * s3a it refuses with the manual fix.
 */
export async function rebuildLake(config: EcomConfig, now: Date = new Date()): Promise<RebuildReport> {
  if (![config.lake.uri, config.checkpoints.uri].every((uri) => uri.startsWith("file:")))
    throw new EcomError(
      errorCodes.usage,
      `./ecom lake rebuild moves local folders only; the lake is ${config.lake.uri}`,
      { fix: rebuildOnS3Fix(config) },
    );
  const paths = statePaths(config);
  const supervised = runningPid(paths.pid("supervisor")) !== undefined;
  if (supervised) await stopSupervisor(config);
  let stopped: string[];
  try {
    stopped = await stopLakeStages(config);
  } finally {
    if (supervised) startSupervisor(config);
  }
  const present = rebuildFolders(config).filter((f) => existsSync(f.path));
  if (present.length === 0) return { aside: undefined, moved: [], stopped };
  const aside = join(paths.home, `lake-before-${now.toISOString().replace(/[:.]/g, "-")}`);
  mkdirSync(aside, { recursive: true });
  const moved: MovedFolder[] = [];
  for (const { what, path } of present) {
    const to = join(aside, basename(path) === what ? what : `${what}-${basename(path)}`);
    move(path, to);
    moved.push({ what, from: path, to });
  }
  return { aside, moved, stopped };
}

/** The report a user reads: what stopped, what moved where, and what the new lake will hold. */
export function describeRebuild(report: RebuildReport, config: EcomConfig): string[] {
  const lines = report.stopped.length ? [`stopped ${report.stopped.join(", ")}`] : [];
  if (report.aside === undefined) return [...lines, "nothing to move: no lake, checkpoints or state folder"];
  for (const m of report.moved) lines.push(`moved ${m.what} ${m.from} -> ${m.to}`);
  lines.push(
    `next: ./ecom up re-ingests the topic ${config.topic.name} from its earliest offset into Delta tables; ` +
      "records the topic no longer holds (past its retention) are not in the new lake, only in the old one " +
      `(kept in ${report.aside}; delete it once you no longer need it)`,
  );
  return lines;
}
