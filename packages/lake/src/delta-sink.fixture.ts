import assert from "node:assert/strict";
import { bronzeDdl, layerSpecs, utcDateHour } from "@ecomstream/lake-model";
import type { SparkSession } from "@ecomstream/spark-connect";
import type { TempHome } from "@ecomstream/testkit";
import { ensureDeltaTable } from "./delta-table.js";
import { lakeStore } from "./store.js";
import type { StreamConsumer } from "./stream-progress.js";

/** This package's test helpers: a bronze Delta table committed by a real Delta sink in many small batches, and a streaming reader of it. */

/** Bronze-shaped rows: `count` records from `firstOffset`, Kafka time spread over two hours ending 2 h ago. */
export async function stage(
  session: SparkSession,
  home: TempHome,
  firstOffset: number,
  count: number,
  files: number,
) {
  const base = Date.now() - 4 * 3_600_000;
  const df = await session.sql(
    "SELECT CAST(id AS STRING) AS key, concat('{\"n\":', id, '}') AS value, 't' AS topic, " +
      "CAST(id % 6 AS INT) AS partition, id AS offset, kafka_timestamp, kafka_timestamp AS ingest_ts, " +
      `${utcDateHour("kafka_timestamp", "ingest_date", "hour").join(", ")} FROM (` +
      `SELECT id, timestamp_millis(${base} + (id % 2) * 3600000 + id) AS kafka_timestamp ` +
      `FROM range(${firstOffset}, ${firstOffset + count}, 1, ${files}))`,
  );
  await df.write.format("parquet").mode("append").save(`${home.config.lake.uri}/_staging/bronze`);
}

/** Commits the staged files into the Delta table `lakeBronze` through a Delta sink, one staged file per batch (commit). */
export async function sink(
  session: SparkSession,
  home: TempHome,
  lakeBronze: string,
  sinkOptions: Record<string, string> = {},
) {
  const spec = { ...layerSpecs(home.lake).bronze, uri: lakeBronze };
  await ensureDeltaTable(session, lakeStore(home.config), spec);
  const query = await session.readStream
    .format("parquet")
    .schema(bronzeDdl)
    .option("maxFilesPerTrigger", 1)
    .load(`${home.config.lake.uri}/_staging/bronze`)
    .writeStream.format("delta")
    .options(sinkOptions)
    .option("checkpointLocation", `${home.config.checkpoints.uri}/test_sink`)
    .partitionBy("ingest_date", "hour")
    .trigger({ availableNow: true })
    .start(lakeBronze);
  assert.ok(await query.awaitTermination(180_000), "sink finished");
  assert.equal(await query.exception(), null);
}

/** A Delta streaming reader of bronze (like silver's queries): reads everything committed so far. */
export async function consume(session: SparkSession, consumer: StreamConsumer, lakeBronze: string) {
  const query = await session.readStream
    .format("delta")
    .option("skipChangeCommits", "true")
    .load(lakeBronze)
    .writeStream.format("noop")
    .option("checkpointLocation", consumer.checkpoint)
    .trigger({ availableNow: true })
    .start();
  assert.ok(await query.awaitTermination(120_000), "consumer finished");
  assert.equal(await query.exception(), null, "a streaming reader keeps working on a rewritten table");
}
