import { filesReadByAll, type StreamConsumer } from "./consumers.js";
import { partitionOf } from "./file-log.js";
import { type HourKey, hourOf, hourStartMs, type LayerSpec, parsePartitionKey } from "./layers.js";
import { loadManifest, saveManifest, type TableManifest } from "./manifest.js";
import { collectGarbage } from "./rewrite.js";
import type { LakeStore } from "./store.js";

export interface RetentionOptions {
  /** Partitions whose hour ended more than this long ago are dropped. */
  maxAgeMs: number;
  /** How long dropped sink and rewritten files stay on disk for reads planned before the change. */
  graceMs: number;
  /** Streaming queries that read this table's sink folder: files they have not read stay on disk. */
  consumers: readonly StreamConsumer[];
  nowMs?: number;
  /** Report what would be dropped, change nothing. */
  dryRun?: boolean;
}

export interface TableRetentionReport {
  layer: string;
  /** The first hour kept: readers skip every partition before it. */
  retainedFrom: HourKey;
  /** Partitions dropped (`date/hour`), oldest first. */
  partitions: string[];
  files: number;
  bytes: number;
  /** Files of dropped partitions a streaming consumer has not read yet: skipped by readers, left on disk. */
  unreadFiles: number;
  /** Garbage of earlier operations deleted now (grace period over). */
  deleted: number;
}

const isOperationsFile = (tableUri: string, uri: string) => partitionOf(tableUri, uri).startsWith("_");

/**
 * Drops a table's partitions older than `maxAgeMs`: readers skip them at once (the manifest's
 * `retainedFrom`), the manifest forgets their rewrites, and their files (sink files and files lake
 * operations wrote) are deleted after the grace period; gold, which no streaming query writes or
 * reads, loses its old partition files at once. The caller holds the table's lock.
 */
export async function applyRetention(
  store: LakeStore,
  spec: LayerSpec,
  options: RetentionOptions,
): Promise<TableRetentionReport> {
  const nowMs = options.nowMs ?? Date.now();
  const cutoff = hourOf(nowMs - options.maxAgeMs);
  const cutoffMs = hourStartMs(cutoff);
  const loaded = await loadManifest(store, spec.uri);
  const collected = options.dryRun
    ? { manifest: loaded, deleted: 0 }
    : await collectGarbage(store, loaded, nowMs);
  const manifest: TableManifest = collected.manifest;
  const previousFrom = manifest.retainedFrom;
  const retainedFrom =
    previousFrom && hourStartMs(previousFrom) > cutoffMs
      ? { date: previousFrom.date, hour: previousFrom.hour }
      : cutoff;
  const report: TableRetentionReport = {
    layer: spec.name,
    retainedFrom,
    partitions: [],
    files: 0,
    bytes: 0,
    unreadFiles: 0,
    deleted: collected.deleted,
  };
  const isOld = (at: HourKey | undefined): at is HourKey =>
    at !== undefined && hourStartMs(at) < hourStartMs(retainedFrom);
  const dropped = new Set<string>();
  const pending = new Set(manifest.garbage.map((g) => g.uri));
  const after = nowMs + options.graceMs;
  const garbage = [...manifest.garbage];
  const deleteNow: string[] = [];

  const { read } = spec.sink ? await filesReadByAll(store, options.consumers) : { read: null };
  for (const file of await store.list(spec.uri)) {
    if (isOperationsFile(spec.uri, file.uri) || pending.has(file.uri)) continue;
    const at = parsePartitionKey(partitionOf(spec.uri, file.uri));
    if (!isOld(at)) continue;
    const data = file.uri.endsWith(".parquet"); // not Spark's .crc checksums
    if (data && spec.sink && options.consumers.length && !read?.has(file.uri)) {
      report.unreadFiles++;
      continue;
    }
    dropped.add(`${at.date}/${String(at.hour).padStart(2, "0")}`);
    if (data) {
      report.files++;
      report.bytes += file.size;
    }
    if (spec.sink) garbage.push({ uri: file.uri, after });
    else deleteNow.push(file.uri);
  }
  const partitions = { ...manifest.partitions };
  for (const [key, rewrite] of Object.entries(manifest.partitions)) {
    const at = parsePartitionKey(key);
    if (!isOld(at)) continue;
    dropped.add(`${at.date}/${String(at.hour).padStart(2, "0")}`);
    delete partitions[key];
    for (const f of (await Promise.all(rewrite.folders.map((folder) => store.list(folder)))).flat()) {
      if (pending.has(f.uri)) continue;
      if (f.uri.endsWith(".parquet")) {
        report.files++;
        report.bytes += f.size;
      }
      garbage.push({ uri: f.uri, after });
    }
  }
  report.partitions = [...dropped].sort();
  if (options.dryRun) return report;
  await saveManifest(store, spec.uri, {
    ...manifest,
    version: manifest.version + 1,
    partitions,
    retainedFrom,
    garbage,
  });
  for (const uri of deleteNow) await store.delete(uri);
  return report;
}

/** The few calls of a Postgres pool (pg's) that serving retention makes. */
export interface ServingClient {
  query(
    sql: string,
    params: unknown[],
  ): Promise<{ rows: Array<Record<string, unknown>>; rowCount: number | null }>;
}

export interface ServingRetentionReport {
  kpiMinute: number;
  qualityMinute: number;
}

/**
 * Deletes serving rows of dropped partitions: kpi_minute minutes (event time) before gold's first
 * kept hour, quality_minute minutes (ingest time) before bronze's. With `dryRun`, counts them.
 */
export async function applyServingRetention(
  client: ServingClient,
  cutoffs: { goldFrom: HourKey; bronzeFrom: HourKey },
  dryRun = false,
): Promise<ServingRetentionReport> {
  const run = async (table: string, column: string, at: HourKey) => {
    const before = new Date(hourStartMs(at));
    if (dryRun) {
      const { rows } = await client.query(`SELECT count(*)::bigint AS n FROM ${table} WHERE ${column} < $1`, [
        before,
      ]);
      return Number(rows[0]?.n ?? 0);
    }
    return (await client.query(`DELETE FROM ${table} WHERE ${column} < $1`, [before])).rowCount ?? 0;
  };
  return {
    kpiMinute: await run("serving.kpi_minute", "window_start", cutoffs.goldFrom),
    qualityMinute: await run("serving.quality_minute", "minute", cutoffs.bronzeFrom),
  };
}
