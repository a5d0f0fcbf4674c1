import { judgeBronze } from "@ecomstream/lake";
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
  return judgeBronze(session, viewName);
}
