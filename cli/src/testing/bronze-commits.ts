import { ensureDeltaTable, lakeStore } from "@ecomstream/lake";
import { lakeLayout, layerSpecs, utcDateHour } from "@ecomstream/lake-model";
import type { EcomConfig } from "@ecomstream/runtime";
import type { SparkSession } from "@ecomstream/spark-connect";

/**
 * Appends one bronze row per offset (partition 0, Kafka time `atMs` + offset seconds) to the home's
 * bronze table, as bronze-writer commits them: one Delta commit (the table created first when
 * missing, itself a commit). Tests of lake readers use it to make versions to read.
 */
export async function appendBronzeRows(
  session: SparkSession,
  config: EcomConfig,
  offsets: readonly number[],
  atMs = Date.parse("2026-11-25T07:00:00Z"),
): Promise<void> {
  const spec = layerSpecs(lakeLayout(config.lake.uri)).bronze;
  const rows = offsets.map((o) => `(${o}L, timestamp_millis(${atMs + o * 1000}))`);
  const frame = await session.sql(
    `SELECT CAST(NULL AS STRING) AS key, concat('{"offset":', o, '}') AS value, '${config.topic.name}' AS topic, ` +
      "0 AS partition, o AS offset, kafka_timestamp, kafka_timestamp AS ingest_ts, " +
      `${utcDateHour("kafka_timestamp", "ingest_date", "hour").join(", ")} ` +
      `FROM (VALUES ${rows.join(", ")} AS t(o, kafka_timestamp))`,
  );
  await ensureDeltaTable(session, lakeStore(config), spec);
  await frame.write.format("delta").mode("append").save(spec.uri);
}
