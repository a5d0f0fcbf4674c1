import type { SparkSession } from "@ecomstream/spark-connect";
import { filesReadByAll, type StreamConsumer } from "./consumers.js";
import { type FileLogEntry, partitionOf, readFileLog } from "./file-log.js";
import { type HourKey, hourStartMs, type LayerSpec, parsePartitionKey } from "./layers.js";
import {
  forgetSuperseded,
  loadManifest,
  saveManifest,
  supersededFiles,
  type TableManifest,
} from "./manifest.js";
import { collectGarbage, type PartitionReplacement, replacePartitions } from "./rewrite.js";
import type { LakeStore } from "./store.js";

export interface CompactOptions {
  /** Only partitions at or after / before these hours (all when omitted). */
  from?: HourKey;
  to?: HourKey;
  /** A partition is closed once its hour ended this long ago (default 1 hour). */
  closedAfterMs: number;
  targetFileBytes: number;
  graceMs: number;
  /** Streaming queries that read this table's sink folder. */
  consumers: readonly StreamConsumer[];
  nowMs?: number;
  /** Merged files a partition may hold before they are merged together (default maxMergedFiles). */
  maxMergedFiles?: number;
  /**
   * The sink's log retention (Spark's `retention`, ECOM_SINK_LOG_RETENTION), when it has one. A file
   * must then be superseded before its entry leaves the log, or readers stop seeing its rows: a
   * closed partition's lone new file is merged too, and files the consumers have not read by half
   * that age are reported (`unreadAging`).
   */
  sinkLogRetentionMs?: number;
}

export interface CompactionReport {
  layer: string;
  partitions: number;
  filesBefore: number;
  filesAfter: number;
  bytesBefore: number;
  bytesAfter: number;
  rows: number;
  /** Garbage files deleted (replaced by an earlier run, grace period over). */
  deleted: number;
  /** Why nothing was compacted, when nothing was. */
  skipped?: string;
  /**
   * With a sink log retention: sink files a streaming consumer has not read although half the
   * retention has passed; the log forgets them at the retention, read or not.
   */
  unreadAging?: number;
}

interface Candidate {
  at: HourKey;
  hot: FileLogEntry[];
}

/** Merged files a partition may hold before they are merged together. */
export const maxMergedFiles = 8;

const inRange = (at: HourKey, from?: HourKey, to?: HourKey) =>
  (!from || hourStartMs(at) >= hourStartMs(from)) && (!to || hourStartMs(at) < hourStartMs(to));

/**
 * Merges the small files of a sink-written table's closed partitions into files near the target
 * size. Only files every streaming consumer has already read leave the sink folder; the merged
 * files are read through the table's manifest (see readTable), so a reader sees each row once
 * before, during and after. The caller holds the table's lock.
 */
export async function compactTable(
  session: SparkSession,
  store: LakeStore,
  spec: LayerSpec,
  options: CompactOptions,
): Promise<CompactionReport> {
  const nowMs = options.nowMs ?? Date.now();
  const report: CompactionReport = {
    layer: spec.name,
    partitions: 0,
    filesBefore: 0,
    filesAfter: 0,
    bytesBefore: 0,
    bytesAfter: 0,
    rows: 0,
    deleted: 0,
  };
  const collected = await collectGarbage(store, await loadManifest(store, spec.uri), nowMs);
  report.deleted = collected.deleted;
  let manifest: TableManifest = collected.manifest;
  const save = async (next: TableManifest) => {
    manifest = next;
    await saveManifest(store, spec.uri, next);
  };
  if (!spec.sink) return { ...report, skipped: "not written by a streaming sink" };
  const entries = await readFileLog(store, `${spec.uri}/_spark_metadata`);
  if (!entries) {
    if (collected.deleted) await save(manifest);
    return { ...report, skipped: "nothing written yet" };
  }
  const { read, missing } = await filesReadByAll(store, options.consumers);
  const retentionMs = options.sinkLogRetentionMs;
  if (retentionMs !== undefined) {
    const agingBefore = nowMs - retentionMs / 2;
    report.unreadAging = entries.filter(
      (e) => e.modificationTime < agingBefore && (missing.length > 0 || (read && !read.has(e.path))),
    ).length;
  }
  if (missing.length) {
    if (collected.deleted) await save(manifest);
    return { ...report, skipped: `not read yet by ${missing.join(", ")}` };
  }
  // superseded files the sink's log has forgotten (its retention) leave the manifest too
  const named = supersededFiles(manifest).length;
  manifest = forgetSuperseded(manifest, new Set(entries.map((e) => e.path)));
  const forgot = named - supersededFiles(manifest).length;
  const superseded = new Set(supersededFiles(manifest));
  const retained = manifest.retainedFrom;
  const byPartition = new Map<string, Candidate>();
  for (const entry of entries) {
    if (superseded.has(entry.path) || (read && !read.has(entry.path))) continue;
    const at = parsePartitionKey(partitionOf(spec.uri, entry.path));
    if (!at || !inRange(at, options.from, options.to)) continue;
    if (retained && hourStartMs(at) < hourStartMs(retained)) continue;
    if (hourStartMs(at) + 3_600_000 + options.closedAfterMs > nowMs) continue;
    const key = `${at.date}/${at.hour}`;
    const candidate = byPartition.get(key) ?? { at, hot: [] };
    candidate.hot.push(entry);
    byPartition.set(key, candidate);
  }
  const items: PartitionReplacement[] = [];
  for (const { at, hot } of byPartition.values()) {
    const key = `${spec.dateColumn}=${at.date}/hour=${at.hour}`;
    const rewrite = manifest.partitions[key];
    const previous = rewrite?.files ?? [];
    // Tiered: new sink files are merged next to what earlier runs merged, so a run costs the new
    // data only; once a partition holds maxMergedFiles merged files, they are merged together too.
    const full = previous.length >= (options.maxMergedFiles ?? maxMergedFiles);
    if (!full && hot.length < (retentionMs === undefined ? 2 : 1)) continue;
    const hotBytes = hot.reduce((n, e) => n + e.size, 0);
    const previousBytes = full ? (rewrite?.bytes ?? 0) : 0;
    report.filesBefore += hot.length + (full ? previous.length : 0);
    report.bytesBefore += hotBytes + previousBytes;
    const hotFrame = session.read
      .format("parquet")
      .schema(spec.ddl)
      .option("basePath", spec.uri)
      .load(...hot.map((e) => e.path));
    const frame = full
      ? hotFrame.unionByName(
          session.read
            .format("parquet")
            .schema(spec.ddl)
            .load(...previous),
        )
      : hotFrame;
    items.push({
      at,
      frame,
      supersede: hot.map((e) => e.path),
      inputBytes: hotBytes + previousBytes,
      keepPrevious: !full,
    });
  }
  if (items.length === 0) {
    if (collected.deleted || forgot) await save(manifest);
    return { ...report, skipped: "no closed partition with more than one file" };
  }
  const { manifest: next, written } = await replacePartitions(session, store, spec, manifest, items, {
    kind: "compact",
    nowMs,
    graceMs: options.graceMs,
    targetFileBytes: options.targetFileBytes,
  });
  report.partitions = written.length;
  report.filesAfter = written.reduce((n, w) => n + w.files.length, 0);
  report.bytesAfter = written.reduce((n, w) => n + w.bytes, 0);
  report.rows = written.reduce((n, w) => n + w.rows, 0);
  await save({
    ...next,
    lastCompaction: {
      at: new Date(nowMs).toISOString(),
      filesBefore: report.filesBefore,
      filesAfter: report.filesAfter,
      bytesBefore: report.bytesBefore,
      bytesAfter: report.bytesAfter,
    },
  });
  return report;
}
