import type { SparkSession } from "@ecomstream/spark-connect";

/**
 * Where stateful queries (silver's deduplication, the provisional KPIs' windows) keep their state:
 * RocksDB with changelog checkpointing, so a batch uploads the changes it made instead of copying
 * the whole state as the default HDFS-backed store does. Spark records the provider in a query's
 * checkpoint: a query keeps the store it started with, so a lake from before runs on until its
 * checkpoints are rebuilt (`./ecom lake rebuild`).
 */
export const stateStoreConf = {
  "spark.sql.streaming.stateStore.providerClass":
    "org.apache.spark.sql.execution.streaming.state.RocksDBStateStoreProvider",
  "spark.sql.streaming.stateStore.rocksdb.changelogCheckpointing.enabled": "true",
} as const;

/** Sets the state store of the queries this session starts from now on (see `stateStoreConf`). */
export async function useRocksDbStateStore(session: SparkSession): Promise<void> {
  for (const [key, value] of Object.entries(stateStoreConf)) await session.conf.set(key, value);
}
