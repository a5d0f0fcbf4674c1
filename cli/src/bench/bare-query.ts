import type { EcomConfig } from "@ecomstream/runtime";
import type { SparkSession } from "@ecomstream/spark-connect";

export interface BareQueryResult {
  rows: number;
  /** Rows over the time Spark spent in batches (startup excluded). */
  rowsPerSecond: number;
  wallSeconds: number;
}

/**
 * The engine's ceiling on this machine: a bare Kafka -> Delta streaming query (no parsing, no
 * partitioning) over everything in `topic`, with the same batch size limit and table format as bronze.
 */
export async function bareKafkaToDelta(
  session: SparkSession,
  bench: EcomConfig,
  topic: string,
): Promise<BareQueryResult> {
  const started = Date.now();
  const query = await session.readStream
    .format("kafka")
    .options({
      "kafka.bootstrap.servers": bench.kafka.bootstrap,
      subscribe: topic,
      startingOffsets: "earliest",
      maxOffsetsPerTrigger: bench.pipeline.maxOffsetsPerTrigger,
      failOnDataLoss: true,
    })
    .load()
    .selectExpr(
      "CAST(key AS STRING) AS key",
      "CAST(value AS STRING) AS value",
      "partition",
      "offset",
      "timestamp",
    )
    .writeStream.format("delta")
    .queryName(`ecom_bench_bare_${Date.now().toString(36)}`)
    .option("checkpointLocation", `${bench.checkpoints.uri}/bare`)
    .trigger({ availableNow: true })
    .start(`${bench.lake.uri}/bare`);
  await query.awaitTermination();
  const wallSeconds = (Date.now() - started) / 1000;
  const failure = await query.exception();
  if (failure) throw new Error(`bare Kafka -> Delta query failed: ${failure.message.split("\n")[0]}`);
  const progress = (await query.recentProgress()).filter((p) => p.numInputRows > 0);
  const rows = progress.reduce((total, p) => total + p.numInputRows, 0);
  const busyMs = progress.reduce((total, p) => total + (p.durationMs?.triggerExecution ?? 0), 0);
  if (rows === 0 || busyMs === 0) {
    const counted = Number((await session.read.format("delta").load(`${bench.lake.uri}/bare`).count()) ?? 0);
    return { rows: counted, rowsPerSecond: counted / wallSeconds, wallSeconds };
  }
  return { rows, rowsPerSecond: rows / (busyMs / 1000), wallSeconds };
}
