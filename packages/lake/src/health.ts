import type { SparkSession } from "@ecomstream/spark-connect";
import { type DeltaCommit, fileName, readCommit } from "./delta-commit.js";
import { commitVersions, deltaPath, isDeltaTable } from "./delta-table.js";
import { type HourKey, hourStartMs, type LayerSpec } from "./layers.js";
import type { LakeStore } from "./store.js";

export interface PartitionHealth {
  /** Start of the hour partition (epoch ms). */
  hourMs: number;
  files: number;
  bytes: number;
  /** Some of its files were written by a compaction (OPTIMIZE). */
  compacted: boolean;
}

export interface LastCompaction {
  at: string;
  filesBefore: number;
  filesAfter: number;
  bytesBefore: number;
  bytesAfter: number;
}

export interface TableHealth {
  layer: string;
  files: number;
  bytes: number;
  partitions: PartitionHealth[];
  lastCompaction: LastCompaction | null;
}

/** What the commits of one table said about compaction, read once per commit (commits never change). */
interface CompactionHistory {
  scannedUpTo: number;
  /** File names OPTIMIZE added, pruned to the current snapshot's files at each pass. */
  optimized: Set<string>;
  last: LastCompaction | null;
}

const histories = new Map<string, CompactionHistory>();

function lastOf(commit: DeltaCommit): LastCompaction {
  const m = commit.metrics;
  return {
    at: new Date(commit.timestampMs).toISOString(),
    filesBefore: m.numRemovedFiles ?? commit.removes.length,
    filesAfter: m.numAddedFiles ?? commit.adds.length,
    bytesBefore: m.numRemovedBytes ?? 0,
    bytesAfter: m.numAddedBytes ?? 0,
  };
}

/** The files OPTIMIZE added and its last run, from the commits the log holds, new ones read since the last pass. */
async function compactionHistory(store: LakeStore, uri: string): Promise<CompactionHistory> {
  const known = histories.get(uri);
  const versions = await commitVersions(store, uri);
  const history =
    known && versions.includes(known.scannedUpTo)
      ? known
      : { scannedUpTo: -1, optimized: new Set<string>(), last: null };
  for (const version of versions.filter((v) => v > history.scannedUpTo)) {
    const commit = await readCommit(store, uri, version);
    if (commit?.operation === "OPTIMIZE") {
      for (const f of commit.adds) history.optimized.add(fileName(f.path));
      history.last = lastOf(commit);
    }
    history.scannedUpTo = version;
  }
  histories.set(uri, history);
  return history;
}

export interface SnapshotFile {
  at: HourKey;
  /** The file's URI as Spark names it (`_metadata.file_path`). */
  path: string;
  size: number;
  rows: number;
}

/** The data files of the table's current snapshot holding rows (that match `where`), with their partition. */
export async function snapshotFiles(
  session: SparkSession,
  spec: LayerSpec,
  where?: string,
): Promise<SnapshotFile[]> {
  const rows = await (
    await session.sql(
      `SELECT CAST(${spec.dateColumn} AS STRING) AS d, hour AS h, _metadata.file_path AS path, ` +
        `max(_metadata.file_size) AS size, count(*) AS n FROM ${deltaPath(spec.uri)} ` +
        `${where ? `WHERE ${where} ` : ""}GROUP BY 1, 2, 3`,
    )
  ).collect();
  return rows.map((r) => ({
    at: { date: String(r.d), hour: Number(r.h) },
    path: String(r.path),
    size: Number(r.size),
    rows: Number(r.n),
  }));
}

/**
 * The data files of a table's current Delta snapshot (what every reader reads) per hour
 * partition: files and bytes from a grouped query on the snapshot's `_metadata`; which partitions
 * hold merged files, and the last compaction, from the OPTIMIZE commits of its log.
 */
export async function tableHealth(
  session: SparkSession,
  store: LakeStore,
  spec: LayerSpec,
): Promise<TableHealth> {
  const health: TableHealth = { layer: spec.name, files: 0, bytes: 0, partitions: [], lastCompaction: null };
  if (!(await isDeltaTable(store, spec.uri))) return health;
  const history = await compactionHistory(store, spec.uri);
  const rows = await snapshotFiles(session, spec);
  const byHour = new Map<number, PartitionHealth>();
  const current = new Set<string>();
  for (const row of rows) {
    const hourMs = hourStartMs(row.at);
    const name = fileName(row.path);
    current.add(name);
    const p = byHour.get(hourMs) ?? { hourMs, files: 0, bytes: 0, compacted: false };
    p.files += 1;
    p.bytes += row.size;
    p.compacted ||= history.optimized.has(name);
    byHour.set(hourMs, p);
  }
  for (const name of history.optimized) if (!current.has(name)) history.optimized.delete(name);
  health.partitions = [...byHour.values()].sort((a, b) => a.hourMs - b.hourMs);
  health.files = health.partitions.reduce((n, p) => n + p.files, 0);
  health.bytes = health.partitions.reduce((n, p) => n + p.bytes, 0);
  health.lastCompaction = history.last;
  return health;
}
