import { randomUUID } from "node:crypto";
import type { DataFrame, SparkSession } from "@ecomstream/spark-connect";
import { partitionOf } from "./file-log.js";
import { type HourKey, type LayerSpec, parsePartitionKey, partitionKey } from "./layers.js";
import type { LakeStore } from "./store.js";

/**
 * An operation's new rows of a table, computed once and written partitioned under the table's
 * `_ops/staging/` (which no reader reads), so that each partition's replacement reads only its own
 * part instead of computing everything again.
 */
export interface Staged {
  folder: string;
  /** Partition key -> rows and bytes staged for it. */
  partitions: Map<string, { at: HourKey; rows: number; bytes: number }>;
  /** The staged rows of one partition (none when nothing was staged for it). */
  frame(at: HourKey): DataFrame;
  remove(): Promise<void>;
}

let viewCounter = 0;

export async function stageRows(
  session: SparkSession,
  store: LakeStore,
  spec: LayerSpec,
  rows: DataFrame,
  label: string,
): Promise<Staged> {
  const folder = `${spec.uri}/_ops/staging/${label}-${randomUUID().slice(0, 8)}`;
  await rows.write.format("parquet").mode("errorifexists").partitionBy(spec.dateColumn, "hour").save(folder);
  const read = () => session.read.format("parquet").schema(spec.ddl).load(folder);
  const partitions = new Map<string, { at: HourKey; rows: number; bytes: number }>();
  const view = `ecom_lake_staged_${process.pid}_${viewCounter++}`;
  await read().createOrReplaceTempView(view);
  const counted = await (
    await session.sql(
      `SELECT CAST(${spec.dateColumn} AS STRING) AS d, hour, count(*) AS n FROM ${view} GROUP BY 1, 2`,
    )
  ).collect();
  for (const row of counted) {
    const at = { date: String(row.d), hour: Number(row.hour) };
    partitions.set(partitionKey(spec, at), { at, rows: Number(row.n), bytes: 0 });
  }
  for (const file of await store.list(folder)) {
    if (!file.uri.endsWith(".parquet")) continue;
    const at = parsePartitionKey(partitionOf(folder, file.uri));
    const entry = at && partitions.get(partitionKey(spec, at));
    if (entry) entry.bytes += file.size;
  }
  return {
    folder,
    partitions,
    frame: (at) =>
      read().filter(
        partitions.has(partitionKey(spec, at))
          ? `${spec.dateColumn} = DATE'${at.date}' AND hour = ${at.hour}`
          : "FALSE",
      ),
    remove: async () => {
      for (const file of await store.list(folder)) await store.delete(file.uri);
    },
  };
}
