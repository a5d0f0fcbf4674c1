import {
  kpiMinuteColumns,
  sparkKpiAggregations,
  sparkKpiDerivedColumns,
  sparkKpiWindowExpr,
} from "@ecomstream/contracts";
import type { EcomConfig } from "@ecomstream/runtime";
import type { SparkSession, StreamingQuery } from "@ecomstream/spark-connect";
import { checkpointOf, type LakeLayout, type ManagedQuery, silverDdl } from "@ecomstream/stage";

export const provisionalQueryName = "ecom_gold_provisional";
const silverView = "ecom_silver_for_gold_provisional";

/** Most silver files one provisional micro-batch reads (backpressure on a backlog). */
const maxFilesPerTrigger = 1000;

/**
 * Streaming kpi_minute over `source` (a watermarked streaming view of silver rows), one Kafka
 * record per updated minute: key = window_start as ISO-8601 UTC, value = JSON of the kpi_minute
 * columns (approximate distinct counts), `is_final: false` and `updated_at` (the batch time).
 */
export function provisionalKpiSql(source: string): string {
  const value =
    `to_json(struct(${kpiMinuteColumns.map((c) => c.name).join(", ")}, false AS is_final, ` +
    "current_timestamp() AS updated_at), map('timeZone', 'UTC', 'ignoreNullFields', 'false'))";
  return (
    `SELECT get_json_object(value, '$.window_start') AS key, value FROM (SELECT ${value} AS value FROM (` +
    `SELECT *, ${sparkKpiDerivedColumns().join(", ")} FROM (` +
    `SELECT window.start AS window_start, window.end AS window_end, ${sparkKpiAggregations().join(", ")} ` +
    `FROM ${source} GROUP BY ${sparkKpiWindowExpr})))`
  );
}

/**
 * Provisional gold: silver (stream, committed files only) -> 1-minute windows with gold's
 * watermark -> update mode -> Kafka `config.topic.kpiName`, so the dashboard is live before a
 * minute closes. Consumers upsert by window_start; final rows come from the restatement. The
 * Kafka producer is not idempotent: Spark's sink is at-least-once anyway, and idempotent producers
 * can stall on a new topic with out-of-order sequence errors.
 */
export function provisionalQuery(config: EcomConfig, lake: LakeLayout): ManagedQuery {
  return {
    name: provisionalQueryName,
    async start(session: SparkSession): Promise<StreamingQuery> {
      await session.readStream
        .format("parquet")
        .schema(silverDdl)
        .option("maxFilesPerTrigger", maxFilesPerTrigger)
        .load(lake.silver)
        .withWatermark("event_ts", config.pipeline.goldWatermark)
        .createOrReplaceTempView(silverView);
      const kpis = await session.sql(provisionalKpiSql(silverView));
      return kpis.writeStream
        .format("kafka")
        .queryName(provisionalQueryName)
        .options({
          "kafka.bootstrap.servers": config.kafka.bootstrap,
          topic: config.topic.kpiName,
          "kafka.enable.idempotence": "false",
          checkpointLocation: checkpointOf(config.checkpoints.uri, provisionalQueryName),
        })
        .outputMode("update")
        .trigger({ processingTime: config.pipeline.goldTrigger })
        .start();
    },
  };
}
