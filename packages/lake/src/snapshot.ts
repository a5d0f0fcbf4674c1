import type { DataFrame, SparkSession } from "@ecomstream/spark-connect";
import { partitionOf, readFileLogAt } from "./file-log.js";
import { type HourKey, hourStartMs, type LayerSpec, parsePartitionKey, partitionKey } from "./layers.js";
import { loadManifest, supersededFiles, type TableManifest } from "./manifest.js";
import type { LakeStore } from "./store.js";

/**
 * A table's files at one moment, per partition: the sink files its `_spark_metadata` log had
 * committed up to `lastBatch` that no operation superseded, and the files the manifest names.
 * Operations that rewrite a partition read exactly these files and supersede exactly these sink
 * files, so a file the sink commits meanwhile stays read as it is.
 */
export interface TableSnapshot {
  manifest: TableManifest;
  /** The sink's newest committed batch (-1 when it has committed none). */
  lastBatch: number;
  /** Partition key (`event_date=…/hour=…`) -> live sink files, retained partitions only. */
  sinkFiles: Map<string, string[]>;
}

export async function snapshotTable(store: LakeStore, spec: LayerSpec): Promise<TableSnapshot> {
  const manifest = await loadManifest(store, spec.uri);
  const log = spec.sink ? await readFileLogAt(store, `${spec.uri}/_spark_metadata`) : undefined;
  const superseded = new Set(supersededFiles(manifest));
  const retained = manifest.retainedFrom;
  const sinkFiles = new Map<string, string[]>();
  for (const entry of log?.entries ?? []) {
    if (superseded.has(entry.path)) continue;
    const at = parsePartitionKey(partitionOf(spec.uri, entry.path));
    if (!at || (retained && hourStartMs(at) < hourStartMs(retained))) continue;
    const key = partitionKey(spec, at);
    sinkFiles.set(key, [...(sinkFiles.get(key) ?? []), entry.path]);
  }
  return { manifest, lastBatch: log?.lastBatch ?? -1, sinkFiles };
}

/** The partitions of a snapshot holding any file (sink or rewritten). */
export function snapshotPartitions(snapshot: TableSnapshot): HourKey[] {
  const keys = new Set([
    ...snapshot.sinkFiles.keys(),
    ...Object.entries(snapshot.manifest.partitions)
      .filter(([, p]) => p.files.length > 0)
      .map(([key]) => key),
  ]);
  const retained = snapshot.manifest.retainedFrom;
  return [...keys]
    .map((key) => parsePartitionKey(key))
    .filter((at): at is HourKey => at !== undefined)
    .filter((at) => !retained || hourStartMs(at) >= hourStartMs(retained));
}

/** Every file of `partitions` in the snapshot: live sink files and the manifest's rewritten files. */
export function snapshotFiles(spec: LayerSpec, snapshot: TableSnapshot, partitions: readonly HourKey[]) {
  const sink: string[] = [];
  const rewritten: string[] = [];
  for (const at of partitions) {
    const key = partitionKey(spec, at);
    sink.push(...(snapshot.sinkFiles.get(key) ?? []));
    rewritten.push(...(snapshot.manifest.partitions[key]?.files ?? []));
  }
  return { sink, rewritten };
}

/** The rows of exactly `sink` + `rewritten` files with the table's columns; undefined when there are none. */
export function readFiles(
  session: SparkSession,
  spec: LayerSpec,
  files: { sink: readonly string[]; rewritten: readonly string[] },
): DataFrame | undefined {
  const sink = files.sink.length
    ? session.read
        .format("parquet")
        .schema(spec.ddl)
        .option("basePath", spec.uri)
        .load(...files.sink)
    : undefined;
  const rewritten = files.rewritten.length
    ? session.read
        .format("parquet")
        .schema(spec.ddl)
        .load(...files.rewritten)
    : undefined;
  return sink && rewritten ? sink.unionByName(rewritten) : (sink ?? rewritten);
}
