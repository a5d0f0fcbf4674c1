import { ensureDeltaTable, lakeStore } from "@ecomstream/lake";
import {
  bronzeWithVerdictSql,
  checkpointOf,
  type LakeLayout,
  layerSpecs,
  utcDateHour,
} from "@ecomstream/lake-model";
import type { EcomConfig } from "@ecomstream/runtime";
import type { SparkSession, StreamingQuery } from "@ecomstream/spark-connect";
import type { ManagedQuery } from "@ecomstream/stage";

export const bronzeQueryName = "ecom_bronze";
/** The session's view of the Kafka records the query judges and writes. */
const recordsView = "ecom_bronze_records";

/** Bronze's columns over Kafka's: the raw key and value, the record's coordinates and times, the ingest hour. */
export const bronzeSelect = [
  "CAST(key AS STRING) AS key",
  "CAST(value AS STRING) AS value",
  "topic",
  "partition",
  "offset",
  "timestamp AS kafka_timestamp",
  "current_timestamp() AS ingest_ts",
  ...utcDateHour("timestamp", "ingest_date", "hour"),
];

/**
 * Kafka -> the Delta table lake/bronze/ecom_events/v1 (one commit per micro-batch), partitioned by the ingest (Kafka record) time's UTC date and
 * hour. The value is kept as the raw string (bytes that are not UTF-8 are kept as they are; they
 * are invalid_json), beside the contract's verdict on it (`verdict`: reason and field, or the typed
 * event), judged here once for silver and quarantine to copy. A batch's Kafka partitions are read by `writeTasks` tasks (one by default), so
 * a batch writes that many files per hour partition, not one per Kafka partition. `failOnDataLoss`
 * stays on: offsets lost to retention or a recreated topic fail the query loudly instead of skipping
 * records silently.
 */
export function bronzeQuery(config: EcomConfig, lake: LakeLayout): ManagedQuery {
  return {
    name: bronzeQueryName,
    async start(session: SparkSession): Promise<StreamingQuery> {
      await ensureDeltaTable(session, lakeStore(config), layerSpecs(lake).bronze);
      const read = session.readStream
        .format("kafka")
        .options({
          "kafka.bootstrap.servers": config.kafka.bootstrap,
          subscribe: config.topic.name,
          startingOffsets: "earliest",
          maxOffsetsPerTrigger: config.pipeline.maxOffsetsPerTrigger,
          failOnDataLoss: true,
        })
        .load();
      const tasks = config.pipeline.writeTasks;
      // No stateful operator follows, so nothing is dropped: the watermark only makes Spark report
      // the batches' Kafka-time range, from which the stage measures produce -> bronze freshness.
      await (tasks > 0 ? read.coalesce(tasks) : read)
        .selectExpr(...bronzeSelect)
        .withWatermark("kafka_timestamp", "1 minute")
        .createOrReplaceTempView(recordsView);
      return (await session.sql(bronzeWithVerdictSql(recordsView))).writeStream
        .format("delta")
        .queryName(bronzeQueryName)
        .option("checkpointLocation", checkpointOf(config.checkpoints.uri, bronzeQueryName))
        .partitionBy("ingest_date", "hour")
        .outputMode("append")
        .trigger({ processingTime: config.pipeline.bronzeTrigger })
        .start(lake.bronze);
    },
  };
}
