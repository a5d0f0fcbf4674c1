import { commitVersions, deltaLogUri } from "./delta-table.js";
import type { LakeStore } from "./store.js";

/** An `add` or `remove` action of a Delta commit. */
export interface CommitFile {
  /** The file's path relative to the table root, URL-encoded as the log spells it. */
  path: string;
  partitionValues: Record<string, string | null>;
  dataChange: boolean;
  size: number;
  /** `numRecords` of the file's statistics (adds only; 0 without statistics). */
  rows: number;
}

/** One commit of a table's log: what Delta recorded about it, and its file actions. */
export interface DeltaCommit {
  version: number;
  /** `commitInfo.timestamp` (epoch ms). */
  timestampMs: number;
  /** `commitInfo.operation`: WRITE, STREAMING UPDATE, OPTIMIZE, DELETE, VACUUM END… */
  operation: string;
  /** `commitInfo.operationMetrics`, numbers as numbers. */
  metrics: Record<string, number>;
  /** `commitInfo.readVersion`: the snapshot the commit was computed from (null for the first or blind appends). */
  readVersion: number | null;
  /** `commitInfo.userMetadata`: the tag a writer attached to its commit. */
  userMetadata: string | undefined;
  adds: CommitFile[];
  removes: CommitFile[];
}

interface RawFile {
  path?: string;
  partitionValues?: Record<string, string | null>;
  dataChange?: boolean;
  size?: number;
  stats?: string;
}

function fileOf(raw: RawFile): CommitFile {
  let rows = 0;
  if (raw.stats) {
    try {
      rows = Number((JSON.parse(raw.stats) as { numRecords?: unknown }).numRecords) || 0;
    } catch {
      rows = 0;
    }
  }
  return {
    path: raw.path ?? "",
    partitionValues: raw.partitionValues ?? {},
    dataChange: raw.dataChange !== false,
    size: raw.size ?? 0,
    rows,
  };
}

/** The commit `version` of the table at `uri`, read from its JSON file; undefined once the log dropped it. */
export async function readCommit(
  store: LakeStore,
  uri: string,
  version: number,
): Promise<DeltaCommit | undefined> {
  const text = await store.readText(`${deltaLogUri(uri)}/${String(version).padStart(20, "0")}.json`);
  if (text === undefined) return undefined;
  const commit: DeltaCommit = {
    version,
    timestampMs: 0,
    operation: "",
    metrics: {},
    readVersion: null,
    userMetadata: undefined,
    adds: [],
    removes: [],
  };
  for (const line of text.split("\n")) {
    if (!line.trim()) continue;
    const action = JSON.parse(line) as {
      add?: RawFile;
      remove?: RawFile;
      commitInfo?: {
        timestamp?: number;
        operation?: string;
        operationMetrics?: Record<string, unknown>;
        readVersion?: number;
        userMetadata?: string;
      };
    };
    if (action.add) commit.adds.push(fileOf(action.add));
    if (action.remove) commit.removes.push(fileOf(action.remove));
    if (action.commitInfo) {
      commit.timestampMs = action.commitInfo.timestamp ?? 0;
      commit.operation = action.commitInfo.operation ?? "";
      commit.readVersion = action.commitInfo.readVersion ?? null;
      commit.userMetadata = action.commitInfo.userMetadata;
      for (const [k, v] of Object.entries(action.commitInfo.operationMetrics ?? {})) {
        const n = Number(v);
        if (Number.isFinite(n)) commit.metrics[k] = n;
      }
    }
  }
  return commit;
}

/** The newest version of the table, or null before its first commit. */
export async function latestVersion(store: LakeStore, uri: string): Promise<number | null> {
  const versions = await commitVersions(store, uri);
  return versions.length ? versions[versions.length - 1]! : null;
}

/** Commits after version `after` (all the log holds when null), oldest first, whose operation is `operation`. */
export async function commitsAfter(
  store: LakeStore,
  uri: string,
  after: number | null,
  operation: string,
): Promise<DeltaCommit[]> {
  const out: DeltaCommit[] = [];
  for (const version of await commitVersions(store, uri)) {
    if (after !== null && version <= after) continue;
    const commit = await readCommit(store, uri, version);
    if (commit?.operation === operation) out.push(commit);
  }
  return out;
}

/** `date/HH` of a file's partition values (the table's date column and `hour`). */
export function partitionLabel(file: CommitFile, dateColumn: string): string {
  const date = file.partitionValues[dateColumn] ?? "";
  return `${date}/${String(file.partitionValues.hour ?? "").padStart(2, "0")}`;
}

/** The file name of a path or URI (decoded): unique per file, as Spark names data files by a UUID. */
export const fileName = (path: string) => decodeURIComponent(path.slice(path.lastIndexOf("/") + 1));
