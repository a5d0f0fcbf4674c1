import { randomUUID } from "node:crypto";
import { EcomError, errorCodes } from "@ecomstream/runtime";
import type { DataFrame, SparkSession } from "@ecomstream/spark-connect";
import type { HourKey, LayerSpec } from "./layers.js";
import { partitionKey } from "./layers.js";
import { type RewriteKind, rewrittenRoot, type TableManifest } from "./manifest.js";
import type { LakeStore } from "./store.js";

/** A partition's complete new contents and the sink files whose rows they now hold. */
export interface PartitionReplacement {
  at: HourKey;
  /** Rows with the table's columns (spec.ddl), all of partition `at`. */
  frame: DataFrame;
  supersede: string[];
  /** Bytes of the input, to size the output files (one file per target size). */
  inputBytes: number;
  /**
   * The partition's earlier rewritten files stay, and `frame` holds only rows to add next to them
   * (compaction merging new sink files without rewriting what it merged before).
   */
  keepPrevious?: boolean;
}

export interface RewriteOptions {
  kind: RewriteKind;
  nowMs: number;
  /** How long replaced files stay on disk for reads planned before the change. */
  graceMs: number;
  targetFileBytes: number;
}

export interface WrittenPartition {
  key: string;
  files: string[];
  rows: number;
  bytes: number;
}

let viewCounter = 0;

/** Writes `frame` into a fresh folder under the table's `_rewritten/`; returns its data files and rows. */
async function writeOnce(
  session: SparkSession,
  store: LakeStore,
  spec: LayerSpec,
  item: PartitionReplacement,
  options: RewriteOptions,
): Promise<{ folder: string; files: string[]; bytes: number; rows: number; all: string[] }> {
  const slug = `${spec.dateColumn}-${item.at.date}-h${String(item.at.hour).padStart(2, "0")}`;
  const folder = `${rewrittenRoot(spec.uri)}/${slug}-${options.kind}-${randomUUID().slice(0, 8)}`;
  const outputs = Math.max(1, Math.ceil(item.inputBytes / options.targetFileBytes));
  const view = `ecom_lake_rewrite_${process.pid}_${viewCounter++}`;
  await item.frame.createOrReplaceTempView(view);
  const expected = await item.frame.count();
  const out = await session.sql(`SELECT /*+ COALESCE(${outputs}) */ * FROM ${view}`);
  await out.write.format("parquet").mode("errorifexists").save(folder);
  const all = (await store.list(folder)).filter((f) => !f.uri.endsWith("/"));
  const data = all.filter((f) => /\/part-[^/]*\.parquet$/.test(f.uri));
  let rows = 0;
  if (data.length) {
    const [row] = await session.read
      .format("parquet")
      .schema(spec.ddl)
      .load(...data.map((f) => f.uri))
      .selectExpr("count(*) AS n")
      .collect();
    rows = Number(row?.n ?? 0);
  }
  if (rows !== expected) {
    throw new EcomError(
      errorCodes.startup,
      `${spec.name} ${slug}: wrote ${rows} rows for ${expected} read; the table is unchanged (${folder} is not read)`,
    );
  }
  return {
    folder,
    files: data.map((f) => f.uri),
    bytes: data.reduce((n, f) => n + f.size, 0),
    rows,
    all: all.map((f) => f.uri),
  };
}

/**
 * Replaces partitions of a table: writes each one's new contents under `_rewritten/`, then returns
 * the next manifest, in which readers read the new files instead of the superseded sink files and
 * the partition's previous rewritten files. Replaced files become garbage, deleted after the grace
 * period. Nothing a reader sees changes until the caller saves the manifest.
 */
export async function replacePartitions(
  session: SparkSession,
  store: LakeStore,
  spec: LayerSpec,
  manifest: TableManifest,
  items: readonly PartitionReplacement[],
  options: RewriteOptions,
): Promise<{ manifest: TableManifest; written: WrittenPartition[] }> {
  const next: TableManifest = {
    ...manifest,
    version: manifest.version + 1,
    partitions: { ...manifest.partitions },
    garbage: [...manifest.garbage],
  };
  const after = options.nowMs + options.graceMs;
  const written: WrittenPartition[] = [];
  for (const item of items) {
    const key = partitionKey(spec, item.at);
    const result = await writeOnce(session, store, spec, item, options);
    const previous = next.partitions[key];
    const kept = item.keepPrevious && previous ? previous : undefined;
    if (previous && !kept)
      for (const folder of previous.folders)
        for (const f of await store.list(folder)) next.garbage.push({ uri: f.uri, after });
    for (const uri of item.supersede) next.garbage.push({ uri, after });
    const files = result.rows > 0 ? result.files : [];
    if (result.rows === 0) for (const uri of result.all) next.garbage.push({ uri, after: options.nowMs });
    const bytes = result.rows > 0 ? result.bytes : 0;
    next.partitions[key] = {
      folders: [...(kept?.folders ?? []), ...(result.rows > 0 ? [result.folder] : [])],
      files: [...(kept?.files ?? []), ...files],
      superseded: [...new Set([...(previous?.superseded ?? []), ...item.supersede])],
      rows: (kept?.rows ?? 0) + result.rows,
      bytes: (kept?.bytes ?? 0) + bytes,
      kind: options.kind,
      at: new Date(options.nowMs).toISOString(),
    };
    written.push({ key, files, rows: result.rows, bytes });
  }
  return { manifest: next, written };
}

/** Deletes garbage whose grace period has passed; returns the manifest without it and how many went. */
export async function collectGarbage(
  store: LakeStore,
  manifest: TableManifest,
  nowMs: number,
): Promise<{ manifest: TableManifest; deleted: number }> {
  const due = manifest.garbage.filter((g) => g.after <= nowMs);
  for (const g of due) await store.delete(g.uri);
  return {
    manifest: { ...manifest, garbage: manifest.garbage.filter((g) => g.after > nowMs) },
    deleted: due.length,
  };
}
