import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";

/** Test helpers: a Delta table's committed files, read from its `_delta_log` by our own replay of the log. */

interface FileAction {
  path: string;
  partitionValues?: Record<string, string | null>;
  dataChange?: boolean;
}

const commitName = /^(\d{20})\.json$/;

function localPath(tableDir: string, path: string): string {
  if (/^[a-z0-9]+:/i.test(path))
    throw new Error(`${path}: an absolute path in the log (not written by our writers)`);
  return join(tableDir, decodeURIComponent(path));
}

/** The JSON commits of the table's log after `afterVersion`, oldest first. */
function commitsAfter(
  tableDir: string,
  afterVersion: number,
): Array<{ version: number; actions: unknown[] }> {
  const log = join(tableDir, "_delta_log");
  return readdirSync(log)
    .map((name) => commitName.exec(name))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => Number(m[1]))
    .filter((v) => v > afterVersion)
    .sort((a, b) => a - b)
    .map((version) => ({
      version,
      actions: readFileSync(join(log, `${String(version).padStart(20, "0")}.json`), "utf8")
        .split("\n")
        .filter((line) => line.trim())
        .map((line) => JSON.parse(line) as unknown),
    }));
}

/**
 * The data files of the table's current snapshot (local folder `tableDir`, or a bucket's mirrored
 * copy): the newest checkpoint's adds (parquet, read by DuckDB), then the later JSON commits' adds
 * and removes. Files of failed writes, and files a compaction or a delete replaced, are not in it.
 */
export async function committedDeltaFiles(tableDir: string, duck: DuckDBConnection): Promise<string[]> {
  const files = new Set<string>();
  let checkpoint = -1;
  const last = join(tableDir, "_delta_log", "_last_checkpoint");
  if (existsSync(last)) {
    const { version, parts } = JSON.parse(readFileSync(last, "utf8")) as { version: number; parts?: number };
    if (parts !== undefined) throw new Error("a multi-part checkpoint: not read by this helper");
    const file = join(tableDir, "_delta_log", `${String(version).padStart(20, "0")}.checkpoint.parquet`);
    const rows = (
      await duck.runAndReadAll(
        `select "add".path as path from read_parquet('${file.replaceAll("'", "''")}') where "add" is not null`,
      )
    ).getRowObjectsJS();
    for (const row of rows) files.add(localPath(tableDir, String(row.path)));
    checkpoint = version;
  }
  for (const { actions } of commitsAfter(tableDir, checkpoint)) {
    for (const action of actions as Array<{ add?: FileAction; remove?: FileAction }>) {
      if (action.add) files.add(localPath(tableDir, action.add.path));
      if (action.remove) files.delete(localPath(tableDir, action.remove.path));
    }
  }
  return [...files];
}

/**
 * The most files one data commit still in the log as JSON added to one partition (compactions
 * left out), and how many such commits there were.
 */
export function mostFilesPerCommitPartition(tableDir: string): { commits: number; most: number } {
  let commits = 0;
  let most = 0;
  for (const { actions } of commitsAfter(tableDir, -1)) {
    const perPartition = new Map<string, number>();
    for (const action of actions as Array<{ add?: FileAction }>) {
      if (!action.add || action.add.dataChange === false) continue;
      const key = JSON.stringify(action.add.partitionValues ?? {});
      perPartition.set(key, (perPartition.get(key) ?? 0) + 1);
    }
    if (perPartition.size === 0) continue;
    commits += 1;
    most = Math.max(most, ...perPartition.values());
  }
  return { commits, most };
}
