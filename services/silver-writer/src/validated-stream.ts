import { sparkValidationSql } from "@ecomstream/contracts";

import type { DataFrame, SparkSession } from "@ecomstream/spark-connect";
import { bronzeDdl, type LakeLayout } from "@ecomstream/stage";

/** Most bronze files one silver micro-batch reads (backpressure). */
const maxFilesPerTrigger = 200;

/**
 * Bronze as a stream (through its file sink's commit log, so only committed files are read), with
 * the contract's verdict per record: `reason`, `field` (NULL when valid) and the typed silver
 * columns. Bronze's ingest partition hour is renamed `ingest_hour` (silver's `hour` is event time).
 */
export async function validatedBronzeStream(
  session: SparkSession,
  lake: LakeLayout,
  viewName: string,
): Promise<DataFrame> {
  const bronze = session.readStream
    .format("parquet")
    .schema(bronzeDdl)
    .option("maxFilesPerTrigger", maxFilesPerTrigger)
    .load(lake.bronze);
  await bronze.createOrReplaceTempView(viewName);
  const source =
    "(SELECT key, value, topic, partition, offset, kafka_timestamp, ingest_ts, ingest_date, " +
    `hour AS ingest_hour, CAST(value AS BINARY) AS value_bytes FROM ${viewName})`;
  return session.sql(
    sparkValidationSql(source, {
      valueColumn: "value_bytes",
      valueIsBinary: true,
      ingestTsColumn: "kafka_timestamp",
    }),
  );
}
