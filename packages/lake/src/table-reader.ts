import type { LayerSpec } from "@ecomstream/lake-model";
import type { DataFrame, SparkSession } from "@ecomstream/spark-connect";
import { isDeltaTable } from "./delta-table.js";
import type { LakeStore } from "./store.js";

export interface TableRead {
  /** The table's rows; undefined when the table has no commit yet. */
  frame: DataFrame | undefined;
}

export interface ReadOptions {
  /** A predicate applied to the read (partition predicates prune files). */
  filter?: string;
  /** Time travel: the table as of this version (the current snapshot when omitted). */
  version?: number;
}

/**
 * A lake table as a batch reader reads it: one Delta snapshot, so a reader sees each commit
 * (a streaming batch, a compaction, an hour restated) whole or not at all, exactly as any other
 * Delta reader (Spark, delta-rs, Trino, DuckDB) sees it.
 */
export async function readTable(
  session: SparkSession,
  store: LakeStore,
  spec: LayerSpec,
  options: ReadOptions = {},
): Promise<TableRead> {
  if (!(await isDeltaTable(store, spec.uri))) return { frame: undefined };
  const reader = session.read.format("delta");
  const frame = (options.version === undefined ? reader : reader.option("versionAsOf", options.version)).load(
    spec.uri,
  );
  return { frame: options.filter ? frame.filter(options.filter) : frame };
}
