import { fromHourPredicate, type HourKey, hourOf, hourStartMs, type LayerSpec } from "@ecomstream/lake-model";
import type { SparkSession } from "@ecomstream/spark-connect";
import { commitsAfter, latestVersion, partitionLabel } from "./delta-commit.js";
import { deltaPath } from "./delta-table.js";
import { isConcurrentCommit } from "./replace-hours.js";
import type { LakeStore } from "./store.js";

export interface CompactOptions {
  /** Only partitions at or after / before these hours (all when omitted). */
  from?: HourKey;
  to?: HourKey;
  /** A partition is closed once its hour ended this long ago. */
  closedAfterMs: number;
  /** Files smaller than this are merged, into files up to this size. */
  targetFileBytes: number;
  nowMs?: number;
}

export interface CompactionReport {
  layer: string;
  /** Partitions OPTIMIZE rewrote. */
  partitions: number;
  /** Files OPTIMIZE removed (merged) and added, and their bytes. */
  filesBefore: number;
  filesAfter: number;
  bytesBefore: number;
  bytesAfter: number;
  /** Rows of the files it added (their statistics). */
  rows: number;
  /** The table version of the OPTIMIZE commit, when there was one. */
  version?: number;
  /** Why nothing was compacted, when nothing was. */
  skipped?: string;
}

/** The partition predicate of closed hours in [from, to), or null when no hour qualifies. */
export function closedPredicate(spec: LayerSpec, options: CompactOptions): string | null {
  const nowMs = options.nowMs ?? Date.now();
  // a partition is closed when hourStart + 1 h + closedAfter <= now: every hour before `closedTo`
  let to = hourOf(nowMs - options.closedAfterMs);
  if (options.to && hourStartMs(options.to) < hourStartMs(to)) to = options.to;
  if (options.from && hourStartMs(options.from) >= hourStartMs(to)) return null;
  const parts = [`NOT ${fromHourPredicate(spec, to)}`];
  if (options.from) parts.push(fromHourPredicate(spec, options.from));
  return parts.join(" AND ");
}

/**
 * Merges the small files of a table's closed partitions with Delta's `OPTIMIZE … WHERE`: one
 * commit that removes the small files and adds the merged ones, marked `dataChange=false`, so
 * readers see the same rows before and after and streams reading the table skip it. The report
 * comes from that commit's `operationMetrics` and file actions. The caller holds the table's lock.
 */
export async function compactTable(
  session: SparkSession,
  store: LakeStore,
  spec: LayerSpec,
  options: CompactOptions,
): Promise<CompactionReport> {
  const report: CompactionReport = {
    layer: spec.name,
    partitions: 0,
    filesBefore: 0,
    filesAfter: 0,
    bytesBefore: 0,
    bytesAfter: 0,
    rows: 0,
  };
  if (!spec.sink) return { ...report, skipped: "written whole per hour by gold-writer: nothing to merge" };
  const before = await latestVersion(store, spec.uri);
  if (before === null) return { ...report, skipped: "nothing written yet" };
  const where = closedPredicate(spec, options);
  if (!where) return { ...report, skipped: "no closed partition in the range" };
  const bytes = String(options.targetFileBytes);
  await session.conf.set("spark.databricks.delta.optimize.maxFileSize", bytes);
  await session.conf.set("spark.databricks.delta.optimize.minFileSize", bytes);
  try {
    await (await session.sql(`OPTIMIZE ${deltaPath(spec.uri)} WHERE ${where}`)).collect();
  } catch (error) {
    // a replay or restatement replaced files OPTIMIZE was merging: they win, the next run merges
    if (!isConcurrentCommit(error)) throw error;
    return { ...report, skipped: "a concurrent commit replaced files of these partitions: next run" };
  }
  // streaming appends may commit around it: the OPTIMIZE commit is the one after `before` so named
  const [commit] = await commitsAfter(store, spec.uri, before, "OPTIMIZE");
  if (!commit) return { ...report, skipped: "no closed partition with more than one small file" };
  const m = commit.metrics;
  return {
    ...report,
    partitions: new Set(commit.adds.map((f) => partitionLabel(f, spec.dateColumn))).size,
    filesBefore: m.numRemovedFiles ?? commit.removes.length,
    filesAfter: m.numAddedFiles ?? commit.adds.length,
    bytesBefore: m.numRemovedBytes ?? commit.removes.reduce((n, f) => n + f.size, 0),
    bytesAfter: m.numAddedBytes ?? commit.adds.reduce((n, f) => n + f.size, 0),
    rows: commit.adds.reduce((n, f) => n + f.rows, 0),
    version: commit.version,
  };
}
