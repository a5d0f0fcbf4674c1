import {
  kpiMinuteColumns,
  sparkKpiAggregations,
  sparkKpiDerivedColumns,
  sparkKpiWindowExpr,
} from "@ecomstream/contracts";
import { checkpointOf } from "@ecomstream/lake-model";
import type { EcomConfig } from "@ecomstream/runtime";
import type { SparkSession, StreamingQuery } from "@ecomstream/spark-connect";
import { type ManagedQuery, useRocksDbStateStore } from "@ecomstream/stage";
import { validEventStream } from "./provisional-source.js";

/** Named after its source: a new source needs a new checkpoint, and the checkpoint is named after the query. */
export const provisionalQueryName = "ecom_gold_provisional_kafka";
/** The query that read silver's files instead; stopped when found running in the stage's session. */
export const legacyProvisionalQueryNames: readonly string[] = ["ecom_gold_provisional"];
const eventsView = "ecom_events_for_gold_provisional";

/**
 * Streaming kpi_minute over `source` (a watermarked streaming view of silver rows), one Kafka
 * record per updated minute: key = window_start as ISO-8601 UTC, value = JSON of the kpi_minute
 * columns (approximate distinct counts), `is_final: false`, `updated_at` (the batch time) and
 * `max_event_ts`, the newest event time the minute holds so far (so consumers can measure
 * freshness as now minus that).
 */
export function provisionalKpiSql(source: string): string {
  const value =
    `to_json(struct(${kpiMinuteColumns.map((c) => c.name).join(", ")}, false AS is_final, ` +
    "current_timestamp() AS updated_at, max_event_ts), map('timeZone', 'UTC', 'ignoreNullFields', 'false'))";
  return (
    `SELECT get_json_object(value, '$.window_start') AS key, value FROM (SELECT ${value} AS value FROM (` +
    `SELECT *, ${sparkKpiDerivedColumns().join(", ")} FROM (` +
    `SELECT window.start AS window_start, window.end AS window_end, ${sparkKpiAggregations().join(", ")}, ` +
    `max(event_ts) AS max_event_ts FROM ${source} GROUP BY ${sparkKpiWindowExpr})))`
  );
}

/**
 * Provisional gold, one hop from the raw topic: valid, deduplicated events (`validEventStream`)
 * -> 1-minute windows with gold's watermark -> update mode -> Kafka `config.topic.kpiName`, every
 * `ECOM_PROVISIONAL_TRIGGER`, so the dashboard is live before a minute closes. Consumers upsert by
 * window_start; final rows come from the restatement over silver. The Kafka producer is not
 * idempotent: Spark's sink is at-least-once anyway, and idempotent producers can stall on a new
 * topic with out-of-order sequence errors.
 */
export function provisionalQuery(config: EcomConfig): ManagedQuery {
  return {
    name: provisionalQueryName,
    async start(session: SparkSession): Promise<StreamingQuery> {
      await useRocksDbStateStore(session);
      for (const query of await session.streams.active())
        if (query.name !== undefined && legacyProvisionalQueryNames.includes(query.name)) await query.stop();
      const events = await validEventStream(session, config);
      await events.createOrReplaceTempView(eventsView);
      const kpis = await session.sql(provisionalKpiSql(eventsView));
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
        .trigger({ processingTime: config.pipeline.provisionalTrigger })
        .start();
    },
  };
}
