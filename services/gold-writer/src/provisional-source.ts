import { silverColumns, sparkValidationSql } from "@ecomstream/contracts";
import type { EcomConfig } from "@ecomstream/runtime";
import type { DataFrame, SparkSession } from "@ecomstream/spark-connect";

const rawView = "ecom_raw_for_gold_provisional";

/**
 * The raw topic as a stream of valid, deduplicated silver rows, one hop from Kafka: each record is
 * judged by the contract's Spark SQL (the same verdict silver gives; the Kafka record time is the
 * ingest time), only valid rows are kept, typed as silver types them, watermarked on event_ts by
 * gold's watermark and deduplicated by event_id within it.
 *
 * One watermark serves both stateful steps. A copy of an event is either still within the
 * watermark, where the dedup state holds its first copy (kept until event_ts + watermark), or
 * behind it, where Spark drops it as late before any window counts it; so no counted event is
 * counted twice. Events behind the watermark reach gold by the restatement over silver.
 *
 * A new checkpoint reads the topic from its earliest offset, as the stream used to read silver
 * from its first file. Offsets lost to retention or a recreated topic are skipped
 * (`failOnDataLoss` off): bronze fails loudly on them, and final gold comes from silver anyway.
 */
export async function validEventStream(session: SparkSession, config: EcomConfig): Promise<DataFrame> {
  await session.readStream
    .format("kafka")
    .options({
      "kafka.bootstrap.servers": config.kafka.bootstrap,
      subscribe: config.topic.name,
      startingOffsets: "earliest",
      maxOffsetsPerTrigger: config.pipeline.provisionalMaxOffsetsPerTrigger,
      failOnDataLoss: false,
    })
    .load()
    .createOrReplaceTempView(rawView);
  const validated = await session.sql(
    sparkValidationSql(`(SELECT value, timestamp AS kafka_timestamp FROM ${rawView})`, {
      valueColumn: "value",
      valueIsBinary: true,
      ingestTsColumn: "kafka_timestamp",
    }),
  );
  return validated
    .filter("reason IS NULL")
    .selectExpr(...silverColumns.map((c) => c.name))
    .withWatermark("event_ts", config.pipeline.goldWatermark)
    .dropDuplicatesWithinWatermark(["event_id"]);
}
