import { silverColumns } from "@ecomstream/contracts";
import { checkpointOf, coordinateColumns, type LakeLayout, quarantineSelect } from "@ecomstream/lake-model";
import type { EcomConfig } from "@ecomstream/runtime";
import type { SparkSession, StreamingQuery } from "@ecomstream/spark-connect";
import { type ManagedQuery, useRocksDbStateStore } from "@ecomstream/stage";
import { validatedBronzeStream } from "./validated-stream.js";

export const silverQueryName = "ecom_silver";
export const quarantineQueryName = "ecom_quarantine";

/**
 * Valid records -> the Delta table lake/silver/ecom_events/v1 (typed, partitioned by event_date/hour), deduplicated
 * by event_id. The dedup state is bounded by a watermark on bronze's own ingest time (`ingest_ts`,
 * the time bronze wrote the record), not on event time nor on the Kafka record timestamp: a
 * producer may stamp records with any time (a backfill stamps them hours back), and a watermark on
 * its clock would drop valid records as late. On bronze's clock nothing valid is ever late; copies
 * of an event that bronze ingests within the dedup window of each other are dropped, copies further
 * apart both reach silver (reconcile reports them).
 */
export function silverQuery(config: EcomConfig, lake: LakeLayout): ManagedQuery {
  return {
    name: silverQueryName,
    async start(session: SparkSession): Promise<StreamingQuery> {
      await useRocksDbStateStore(session);
      const validated = await validatedBronzeStream(session, config, lake, "ecom_bronze_for_silver");
      const deduplicated = validated
        .filter("reason IS NULL")
        .selectExpr(...silverColumns.map((c) => c.name), ...coordinateColumns, "ingest_ts")
        .withWatermark("ingest_ts", config.pipeline.dedupWindow)
        .dropDuplicatesWithinWatermark(["event_id"])
        .selectExpr(...silverColumns.map((c) => c.name), ...coordinateColumns);
      // the state keeps its shuffle partitions; only the tasks that run them and write files are fewer
      const tasks = config.pipeline.writeTasks;
      return (tasks > 0 ? deduplicated.coalesce(tasks) : deduplicated).writeStream
        .format("delta")
        .queryName(silverQueryName)
        .option("checkpointLocation", checkpointOf(config.checkpoints.uri, silverQueryName))
        .partitionBy("event_date", "hour")
        .outputMode("append")
        .trigger({ processingTime: config.pipeline.silverTrigger })
        .start(lake.silver);
    },
  };
}

/** Invalid records -> the Delta table lake/quarantine/ecom_events/v1 with reason, field, raw payload and coordinates. */
export function quarantineQuery(config: EcomConfig, lake: LakeLayout): ManagedQuery {
  return {
    name: quarantineQueryName,
    async start(session: SparkSession): Promise<StreamingQuery> {
      const validated = await validatedBronzeStream(session, config, lake, "ecom_bronze_for_quarantine");
      return validated
        .filter("reason IS NOT NULL")
        .selectExpr(...quarantineSelect)
        .writeStream.format("delta")
        .queryName(quarantineQueryName)
        .option("checkpointLocation", checkpointOf(config.checkpoints.uri, quarantineQueryName))
        .partitionBy("ingest_date", "hour")
        .outputMode("append")
        .trigger({ processingTime: config.pipeline.silverTrigger })
        .start(lake.quarantine);
    },
  };
}
