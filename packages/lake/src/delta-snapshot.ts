import type { SparkSession } from "@ecomstream/spark-connect";
import { type DeltaCommit, readCommit } from "./delta-commit.js";
import { deltaLogUri } from "./delta-table.js";
import type { LakeStore } from "./store.js";

/** A data file of a table's current snapshot as its log names it. */
export interface LogFile {
  /** Relative to the table root, URL-encoded, as the log spells it. */
  path: string;
  size: number;
  partitionValues: Record<string, string | null>;
}

export interface LogSnapshot {
  version: number;
  files: Map<string, LogFile>;
}

export interface ReplayedSnapshot extends LogSnapshot {
  /** Replayed from the checkpoint in this call (first call, or the table was made anew). */
  rebuilt: boolean;
}

/** Snapshots replayed so far, per table: later calls read only the commits after them. */
const replayed = new Map<string, LogSnapshot>();

const commitUri = (uri: string, version: number) =>
  `${deltaLogUri(uri)}/${String(version).padStart(20, "0")}.json`;

/** The newest classic checkpoint's file adds, read by Spark (a checkpoint is parquet). */
async function fromCheckpoint(session: SparkSession, store: LakeStore, uri: string): Promise<LogSnapshot> {
  const text = await store.readText(`${deltaLogUri(uri)}/_last_checkpoint`);
  if (text === undefined) return { version: -1, files: new Map() };
  const last = JSON.parse(text) as { version: number; parts?: number; v2Checkpoint?: unknown };
  const base = `${deltaLogUri(uri)}/${String(last.version).padStart(20, "0")}.checkpoint`;
  const paths =
    last.parts === undefined
      ? [`${base}.parquet`]
      : Array.from(
          { length: last.parts },
          (_, i) =>
            `${base}.${String(i + 1).padStart(10, "0")}.${String(last.parts).padStart(10, "0")}.parquet`,
        );
  const rows = await session.read
    .format("parquet")
    .load(...paths)
    .filter("add IS NOT NULL")
    .selectExpr("add.path AS path", "add.size AS size", "to_json(add.partitionValues) AS pv")
    .collect();
  const files = new Map<string, LogFile>();
  for (const r of rows) {
    const path = String(r.path);
    files.set(path, {
      path,
      size: Number(r.size),
      partitionValues: JSON.parse(String(r.pv ?? "{}")) as Record<string, string | null>,
    });
  }
  return { version: last.version, files };
}

/**
 * The data files of a table's current snapshot, replayed from its log: the newest checkpoint once,
 * then each JSON commit after it, read once per process (commits never change). `onCommit` sees
 * each JSON commit read. Undefined before the table's first commit.
 */
export async function logSnapshot(
  session: SparkSession,
  store: LakeStore,
  uri: string,
  onCommit: (commit: DeltaCommit) => void = () => {},
): Promise<ReplayedSnapshot | undefined> {
  let snapshot = replayed.get(uri);
  // a cached snapshot holds while the commit it ends with is still there (not a table made anew)
  if (snapshot && (await store.readText(commitUri(uri, snapshot.version))) === undefined)
    snapshot = undefined;
  const rebuilt = snapshot === undefined;
  if (!snapshot) {
    const base = await fromCheckpoint(session, store, uri);
    snapshot = { version: base.version, files: new Map(base.files) };
  }
  for (let version = snapshot.version + 1; ; version++) {
    const commit = await readCommit(store, uri, version);
    if (!commit) break;
    for (const f of commit.removes) snapshot.files.delete(f.path);
    for (const f of commit.adds)
      snapshot.files.set(f.path, { path: f.path, size: f.size, partitionValues: f.partitionValues });
    snapshot.version = version;
    onCommit(commit);
  }
  if (snapshot.version < 0) return undefined;
  replayed.set(uri, snapshot);
  return { ...snapshot, rebuilt };
}
