import { silverColumns, sparkValidationSql } from "@ecomstream/contracts";
import type { SparkSession } from "@ecomstream/spark-connect";
import {
  bronzeDdl,
  coordinateColumns,
  quarantineDdl,
  quarantineSelect,
  silverDdl,
  utcDateHour,
} from "@ecomstream/stage";
import type { TempHome } from "./test-support.js";

/**
 * Test helper: bronze, silver and quarantine written the way the writers write them. Bronze rows
 * are the given Kafka records; silver and quarantine are the contract's verdict on them (silver
 * keeps the first copy of each event_id). Every layer is committed by a Spark file sink, so each
 * holds a `_spark_metadata` commit log, and each call is one more committed batch per layer.
 */

export interface KafkaRecord {
  value: string;
  kafkaMs: number;
  partition: number;
  offset: number;
}

const hex = (text: string) => Buffer.from(text, "utf8").toString("hex");

/** Copies the staging folder's new files into `target` through a file sink (availableNow). */
async function commitThroughSink(
  session: SparkSession,
  home: TempHome,
  layer: string,
  ddl: string,
  partitions: [string, string],
  target: string,
): Promise<void> {
  const query = await session.readStream
    .format("parquet")
    .schema(ddl)
    .load(`${home.config.lake.uri}/_staging/${layer}`)
    .writeStream.format("parquet")
    .option("checkpointLocation", `${home.config.checkpoints.uri}/test_${layer}`)
    .partitionBy(...partitions)
    .outputMode("append")
    .trigger({ availableNow: true })
    .start(target);
  if (!(await query.awaitTermination(90_000))) throw new Error(`${layer} copy did not finish in 90 s`);
  const error = await query.exception();
  if (error) throw new Error(`${layer} copy failed: ${error.message}`);
}

/**
 * Appends one batch of records to bronze, then judges every bronze record silver and quarantine
 * do not hold yet into them. With `bronzeOnly`, bronze alone (records silver has not processed yet;
 * the next call without it processes them too).
 */
export async function appendLake(
  session: SparkSession,
  home: TempHome,
  topic: string,
  records: readonly KafkaRecord[],
  options: { bronzeOnly?: boolean } = {},
): Promise<void> {
  const staging = (layer: string) => `${home.config.lake.uri}/_staging/${layer}`;
  const rows = records.map(
    (r) => `('${hex(r.value)}', timestamp_millis(${r.kafkaMs}), ${r.partition}, CAST(${r.offset} AS BIGINT))`,
  );
  const bronze = await session.sql(
    `SELECT CAST(NULL AS STRING) AS key, CAST(unhex(v) AS STRING) AS value, '${topic}' AS topic, ` +
      `CAST(p AS INT) AS partition, o AS offset, kafka_timestamp, kafka_timestamp AS ingest_ts, ` +
      `${utcDateHour("kafka_timestamp", "ingest_date", "hour").join(", ")} ` +
      `FROM (VALUES ${rows.join(", ")} AS t(v, kafka_timestamp, p, o))`,
  );
  await bronze.write.format("parquet").mode("append").save(staging("bronze"));
  await commitThroughSink(session, home, "bronze", bronzeDdl, ["ingest_date", "hour"], home.lake.bronze);
  if (options.bronzeOnly) return;

  const bronzeView = "ecom_loader_fixture_bronze";
  const judged = await judgedSoFar(session, home);
  await session.read
    .format("parquet")
    .schema(bronzeDdl)
    .load(home.lake.bronze)
    .filter(judged === null ? "TRUE" : `offset > ${judged}`)
    .createOrReplaceTempView(bronzeView);
  const source =
    "(SELECT key, value, topic, partition, offset, kafka_timestamp, ingest_ts, ingest_date, " +
    `hour AS ingest_hour, CAST(value AS BINARY) AS value_bytes FROM ${bronzeView})`;
  const validated = await session.sql(
    sparkValidationSql(source, {
      valueColumn: "value_bytes",
      valueIsBinary: true,
      ingestTsColumn: "kafka_timestamp",
    }),
  );
  await validated
    .filter("reason IS NOT NULL")
    .selectExpr(...quarantineSelect)
    .write.format("parquet")
    .mode("append")
    .save(staging("quarantine"));
  const validView = "ecom_loader_fixture_valid";
  await validated.filter("reason IS NULL").createOrReplaceTempView(validView);
  // the first copy of each event_id, also across earlier batches of silver
  const earlier = await silverIdsSoFar(session, home);
  const firstCopies = await session.sql(
    `SELECT ${[...silverColumns.map((c) => c.name), ...coordinateColumns].join(", ")} FROM (` +
      `SELECT *, row_number() OVER (PARTITION BY event_id ORDER BY kafka_timestamp, partition, offset) AS copy ` +
      `FROM ${validView}) WHERE copy = 1${earlier.length ? ` AND event_id NOT IN (${earlier.map((id) => `'${id}'`).join(", ")})` : ""}`,
  );
  await firstCopies.write.format("parquet").mode("append").save(staging("silver"));
  await commitThroughSink(
    session,
    home,
    "quarantine",
    quarantineDdl,
    ["ingest_date", "hour"],
    home.lake.quarantine,
  );
  await commitThroughSink(session, home, "silver", silverDdl, ["event_date", "hour"], home.lake.silver);
}

/** The newest bronze offset silver and quarantine hold (the tests' offsets grow across partitions). */
async function judgedSoFar(session: SparkSession, home: TempHome): Promise<number | null> {
  let newest: number | null = null;
  for (const [path, ddl] of [
    [home.lake.silver, silverDdl],
    [home.lake.quarantine, quarantineDdl],
  ] as const) {
    try {
      const [row] = await session.read
        .format("parquet")
        .schema(ddl)
        .load(path)
        .selectExpr("max(offset) AS o")
        .collect();
      if (row?.o !== null && row?.o !== undefined) newest = Math.max(newest ?? -1, Number(row.o));
    } catch {
      // not written yet
    }
  }
  return newest;
}

async function silverIdsSoFar(session: SparkSession, home: TempHome): Promise<string[]> {
  try {
    const rows = await session.read
      .format("parquet")
      .schema(silverDdl)
      .load(home.lake.silver)
      .selectExpr("event_id")
      .collect();
    return rows.map((r) => String(r.event_id).replace(/'/g, "''"));
  } catch {
    return [];
  }
}

/**
 * A bronze file no batch committed (a failed batch's leftover): in the table's folder but not in
 * its `_spark_metadata` log, so readers going through Spark must not see it.
 */
export async function strayBronzeFile(
  session: SparkSession,
  home: TempHome,
  topic: string,
  record: KafkaRecord,
): Promise<void> {
  const iso = new Date(record.kafkaMs).toISOString();
  const df = await session.sql(
    `SELECT CAST(NULL AS STRING) AS key, '${record.value.replace(/'/g, "\\'")}' AS value, '${topic}' AS topic, ` +
      `${record.partition} AS partition, CAST(${record.offset} AS BIGINT) AS offset, ` +
      `timestamp_millis(${record.kafkaMs}) AS kafka_timestamp, timestamp_millis(${record.kafkaMs}) AS ingest_ts`,
  );
  await df.write
    .format("parquet")
    .mode("append")
    .save(`${home.lake.bronze}/ingest_date=${iso.slice(0, 10)}/hour=${Number(iso.slice(11, 13))}`);
}
