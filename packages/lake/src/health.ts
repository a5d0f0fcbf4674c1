import { type HourKey, hourStartMs, type LayerSpec } from "@ecomstream/lake-model";
import type { SparkSession } from "@ecomstream/spark-connect";
import { type DeltaCommit, fileName, readCommit } from "./delta-commit.js";
import { logSnapshot } from "./delta-snapshot.js";
import { commitVersions, deltaPath } from "./delta-table.js";
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

/** Files OPTIMIZE added (names, pruned to the current snapshot) and its last run, per table. */
interface CompactionHistory {
  optimized: Set<string>;
  last: LastCompaction | null;
}

const histories = new Map<string, CompactionHistory>();

function record(history: CompactionHistory, commit: DeltaCommit): void {
  if (commit.operation !== "OPTIMIZE") return;
  for (const f of commit.adds) history.optimized.add(fileName(f.path));
  const m = commit.metrics;
  history.last = {
    at: new Date(commit.timestampMs).toISOString(),
    filesBefore: m.numRemovedFiles ?? commit.removes.length,
    filesAfter: m.numAddedFiles ?? commit.adds.length,
    bytesBefore: m.numRemovedBytes ?? 0,
    bytesAfter: m.numAddedBytes ?? 0,
  };
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
 * partition, replayed from its log (`logSnapshot`: a checkpoint once, then only new commits, no
 * scan of the data); which partitions hold merged files, and the last compaction, from the
 * OPTIMIZE commits the log holds (all read once per process, then as they come).
 */
export async function tableHealth(
  session: SparkSession,
  store: LakeStore,
  spec: LayerSpec,
): Promise<TableHealth> {
  const health: TableHealth = { layer: spec.name, files: 0, bytes: 0, partitions: [], lastCompaction: null };
  let history = histories.get(spec.uri);
  const snapshot = await logSnapshot(session, store, spec.uri, (commit) => {
    if (history) record(history, commit);
  });
  if (!snapshot) return health;
  if (!history || snapshot.rebuilt) {
    // the first pass: every OPTIMIZE commit the log still holds as JSON
    history = { optimized: new Set(), last: null };
    for (const version of await commitVersions(store, spec.uri)) {
      if (version > snapshot.version) break;
      const commit = await readCommit(store, spec.uri, version);
      if (commit) record(history, commit);
    }
    histories.set(spec.uri, history);
  }
  const byHour = new Map<number, PartitionHealth>();
  const current = new Set<string>();
  for (const file of snapshot.files.values()) {
    const date = file.partitionValues[spec.dateColumn];
    const hour = file.partitionValues.hour;
    if (!date || hour === null || hour === undefined) continue;
    const hourMs = hourStartMs({ date, hour: Number(hour) });
    const name = fileName(file.path);
    current.add(name);
    const p = byHour.get(hourMs) ?? { hourMs, files: 0, bytes: 0, compacted: false };
    p.files += 1;
    p.bytes += file.size;
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
