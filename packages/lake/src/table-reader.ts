import { sqlString } from "@ecomstream/contracts";
import type { DataFrame, SparkSession } from "@ecomstream/spark-connect";
import { isPathNotFound } from "@ecomstream/stage";
import { fromHourPredicate, type LayerSpec } from "./layers.js";
import { loadManifest, rewrittenFiles, supersededFiles, type TableManifest } from "./manifest.js";
import type { LakeStore } from "./store.js";

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

/**
 * A lake table as every batch reader must read it: the files its streaming sink committed
 * (`_spark_metadata`), less those the lake's operations superseded (compaction, replay, retention),
 * plus the files those operations wrote, and nothing before retention's cut-off. Streaming readers
 * keep reading the sink folder itself: operations only supersede files they have already read.
 */
export async function readTable(
  session: SparkSession,
  store: LakeStore,
  spec: LayerSpec,
): Promise<TableRead> {
  const manifest = await loadManifest(store, spec.uri);
  const retained = manifest.retainedFrom ? fromHourPredicate(spec, manifest.retainedFrom) : "TRUE";
  const sinkFrame = await probe(
    session.read
      .format("parquet")
      .schema(spec.ddl)
      .load(spec.uri)
      .filter(retained)
      .filter(excludeFilesPredicate(supersededFiles(manifest))),
  );
  const files = rewrittenFiles(manifest);
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
