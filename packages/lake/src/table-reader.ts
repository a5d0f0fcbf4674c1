import { sqlString } from "@ecomstream/contracts";
import type { DataFrame, SparkSession } from "@ecomstream/spark-connect";
import { isPathNotFound } from "@ecomstream/stage";
import { partitionOf, readFileLog } from "./file-log.js";
import { fromHourPredicate, hourStartMs, type LayerSpec, parsePartitionKey } from "./layers.js";
import { loadManifest, rewrittenFiles, supersededFiles, type TableManifest } from "./manifest.js";
import { type LakeStore, normalizeUri } from "./store.js";

export interface TableRead {
  /** The table's rows; undefined when nothing has been written yet. */
  frame: DataFrame | undefined;
  manifest: TableManifest;
}

/**
 * Spark predicate excluding `files` by `_metadata.file_path`; Spark prunes them before opening any.
 * Spark's logs spell local files `file:///x`, its `_metadata` column `file:/x`: both are listed.
 */
export function excludeFilesPredicate(files: readonly string[]): string {
  const spellings = files.flatMap((f) => (f.startsWith("file:///") ? [f, `file:/${f.slice(8)}`] : [f]));
  return files.length ? `_metadata.file_path NOT IN (${spellings.map(sqlString).join(", ")})` : "TRUE";
}

async function probe(frame: DataFrame): Promise<DataFrame | undefined> {
  try {
    await frame.limit(0).collect();
    return frame;
  } catch (error) {
    if (isPathNotFound(error)) return undefined;
    throw error;
  }
}

const discoveryThreshold = "spark.sql.sources.parallelPartitionDiscovery.threshold";
/** Paths a read of a compacted table names are far fewer; more are listed by Spark's job as before. */
const driverListedPaths = 1024;
const raised = new WeakSet<SparkSession>();

/**
 * Spark lists more than `parallelPartitionDiscovery.threshold` (default 32) paths with a Spark job
 * of one task per path, which costs more than reading the statuses of a few hundred files on the
 * driver (a read of 40 files took half the time without the job). A session that reads lake tables
 * has its threshold raised to 1024 once (never lowered): its other reads list up to as many paths on
 * the driver too.
 */
async function listOnDriver(session: SparkSession, paths: number): Promise<void> {
  if (paths <= 32 || raised.has(session)) return;
  raised.add(session);
  const current = Number(await session.conf.get(discoveryThreshold, "32"));
  if (current < driverListedPaths) await session.conf.set(discoveryThreshold, driverListedPaths);
}

/**
 * The sink files readers read: those the sink's log (`_spark_metadata`) committed, less those the
 * manifest superseded, in partitions retention kept. Undefined when the table has no sink log.
 */
async function liveSinkFiles(
  store: LakeStore,
  spec: LayerSpec,
  manifest: TableManifest,
): Promise<string[] | undefined> {
  const entries = await readFileLog(store, `${spec.uri}/_spark_metadata`);
  if (!entries) {
    // A log folder without batch files yet: Spark reads such a table as empty, so do readers.
    return (await store.children(spec.uri)).includes("_spark_metadata") ? [] : undefined;
  }
  const superseded = new Set(supersededFiles(manifest).map(normalizeUri));
  const retainedMs = manifest.retainedFrom ? hourStartMs(manifest.retainedFrom) : undefined;
  return entries
    .filter((entry) => {
      if (superseded.has(entry.path)) return false;
      if (retainedMs === undefined) return true;
      const at = parsePartitionKey(partitionOf(spec.uri, entry.path));
      return !at || hourStartMs(at) >= retainedMs;
    })
    .map((entry) => entry.path);
}

/**
 * A lake table as every batch reader must read it: the files its streaming sink committed
 * (`_spark_metadata`), less those the lake's operations superseded (compaction, replay, retention),
 * plus the files those operations wrote, and nothing before retention's cut-off. Streaming readers
 * keep reading the sink folder itself: operations only supersede files they have already read.
 *
 * The sink's log is read here and Spark is handed the live files by name: planning then costs the
 * files read, not the table's history (Spark would read its whole log and match every file against
 * the superseded ones on each read). A table without a sink log (gold, or one written by a plain
 * batch write) is read as its folder.
 *
 * `filter` is applied to each file relation before they are united: a predicate on the hidden
 * `_metadata` column (e.g. `_metadata.file_modification_time`) resolves only there, not on the union
 * a compacted table reads as.
 */
export async function readTable(
  session: SparkSession,
  store: LakeStore,
  spec: LayerSpec,
  options: { filter?: string } = {},
): Promise<TableRead> {
  const manifest = await loadManifest(store, spec.uri);
  const retainedOnly = manifest.retainedFrom ? fromHourPredicate(spec, manifest.retainedFrom) : "TRUE";
  const retained = options.filter ? `(${retainedOnly}) AND (${options.filter})` : retainedOnly;
  const sinkFiles = spec.sink ? await liveSinkFiles(store, spec, manifest) : undefined;
  const sinkFrame =
    sinkFiles === undefined
      ? await probe(
          session.read
            .format("parquet")
            .schema(spec.ddl)
            .load(spec.uri)
            .filter(retained)
            .filter(excludeFilesPredicate(supersededFiles(manifest))),
        )
      : sinkFiles.length
        ? session.read
            .format("parquet")
            .schema(spec.ddl)
            .option("basePath", spec.uri)
            .load(...sinkFiles)
            .filter(retained)
        : undefined;
  const files = rewrittenFiles(manifest);
  await listOnDriver(session, Math.max(sinkFiles?.length ?? 0, files.length));
  const rewritten = files.length
    ? session.read
        .format("parquet")
        .schema(spec.ddl)
        .load(...files)
        .filter(retained)
    : undefined;
  const frame = sinkFrame && rewritten ? sinkFrame.unionByName(rewritten) : (sinkFrame ?? rewritten);
  return { frame, manifest };
}
