import { ensureDeltaTable, lakeStore, storedVerdicts } from "@ecomstream/lake";
import type { LakeLayout } from "@ecomstream/lake-model";
import { layerSpecs } from "@ecomstream/lake-model";
import type { EcomConfig } from "@ecomstream/runtime";
import type { DataFrame, SparkSession } from "@ecomstream/spark-connect";

/** Most bronze files one silver micro-batch reads (backpressure). */
const maxFilesPerTrigger = 200;

/**
 * Bronze as a Delta stream (its commits in order; OPTIMIZE's rewrites carry no new data and are
 * skipped, and retention's DELETE of old partitions is skipped too: `skipChangeCommits`), with
 * the contract's verdict per record: `reason`, `field` (NULL when valid) and the typed silver
 * columns. Bronze's ingest partition hour is renamed `ingest_hour` (silver's `hour` is event time).
 */
export async function validatedBronzeStream(
  session: SparkSession,
  config: EcomConfig,
  lake: LakeLayout,
  viewName: string,
): Promise<DataFrame> {
  const store = lakeStore(config);
  const specs = layerSpecs(lake);
  for (const spec of [specs.bronze, specs.silver, specs.quarantine])
    await ensureDeltaTable(session, store, spec);
  const bronze = session.readStream
    .format("delta")
    .option("maxFilesPerTrigger", maxFilesPerTrigger)
    .option("skipChangeCommits", "true")
    .load(lake.bronze);
  await bronze.createOrReplaceTempView(viewName);
  return storedVerdicts(session, viewName);
}
