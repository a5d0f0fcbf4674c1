import { silverColumns, sparkValidationSql } from "@ecomstream/contracts";
import { ensureDeltaTable, lakeStore, readTable } from "@ecomstream/lake";
import {
  coordinateColumns,
  type LayerName,
  layerSpecs,
  quarantineSelect,
  utcDateHour,
} from "@ecomstream/lake-model";
import type { DataFrame, SparkSession } from "@ecomstream/spark-connect";
import type { TempHome } from "@ecomstream/testkit";

/**
 * Test helper: bronze, silver and quarantine written the way the writers write them. Bronze rows
 * are the given Kafka records; silver and quarantine are the contract's verdict on them (silver
 * keeps the first copy of each event_id). Every layer is a Delta table, and each call is one more
 * commit per layer.
 */

export interface KafkaRecord {
  value: string;
  kafkaMs: number;
  partition: number;
  offset: number;
}

const hex = (text: string) => Buffer.from(text, "utf8").toString("hex");

/** Appends `frame` to the layer's Delta table (created first when missing) in one commit. */
async function appendDelta(session: SparkSession, home: TempHome, layer: LayerName, frame: DataFrame) {
  const spec = layerSpecs(home.lake)[layer];
  await ensureDeltaTable(session, lakeStore(home.config), spec);
  await frame.write.format("delta").mode("append").save(spec.uri);
}

/** The layer's rows (nothing when the table has no commit yet). */
async function readLayer(
  session: SparkSession,
  home: TempHome,
  layer: LayerName,
): Promise<DataFrame | undefined> {
  return (await readTable(session, lakeStore(home.config), layerSpecs(home.lake)[layer])).frame;
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
  const rows = records.map(
    (r) => `('${hex(r.value)}', timestamp_millis(${r.kafkaMs}), ${r.partition}, CAST(${r.offset} AS BIGINT))`,
  );
  const bronze = await session.sql(
    `SELECT CAST(NULL AS STRING) AS key, CAST(unhex(v) AS STRING) AS value, '${topic}' AS topic, ` +
      `CAST(p AS INT) AS partition, o AS offset, kafka_timestamp, kafka_timestamp AS ingest_ts, ` +
      `${utcDateHour("kafka_timestamp", "ingest_date", "hour").join(", ")} ` +
      `FROM (VALUES ${rows.join(", ")} AS t(v, kafka_timestamp, p, o))`,
  );
  await appendDelta(session, home, "bronze", bronze);
  if (options.bronzeOnly) return;

  const bronzeView = "ecom_loader_fixture_bronze";
  const judged = await judgedSoFar(session, home);
  const bronzeRows = await readLayer(session, home, "bronze");
  if (!bronzeRows) return;
  await bronzeRows
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
  await appendDelta(
    session,
    home,
    "quarantine",
    validated.filter("reason IS NOT NULL").selectExpr(...quarantineSelect),
  );
  const validView = "ecom_loader_fixture_valid";
  await validated.filter("reason IS NULL").createOrReplaceTempView(validView);
  // the first copy of each event_id, also across earlier batches of silver
  const earlier = await silverIdsSoFar(session, home);
  const firstCopies = await session.sql(
    `SELECT ${[...silverColumns.map((c) => c.name), ...coordinateColumns].join(", ")} FROM (` +
      `SELECT *, row_number() OVER (PARTITION BY event_id ORDER BY kafka_timestamp, partition, offset) AS copy ` +
      `FROM ${validView}) WHERE copy = 1${earlier.length ? ` AND event_id NOT IN (${earlier.map((id) => `'${id}'`).join(", ")})` : ""}`,
  );
  await appendDelta(session, home, "silver", firstCopies);
}

/** The newest bronze offset silver and quarantine hold (the tests' offsets grow across partitions). */
async function judgedSoFar(session: SparkSession, home: TempHome): Promise<number | null> {
  let newest: number | null = null;
  for (const layer of ["silver", "quarantine"] as const) {
    const frame = await readLayer(session, home, layer);
    if (!frame) continue;
    const [row] = await frame.selectExpr("max(offset) AS o").collect();
    if (row?.o !== null && row?.o !== undefined) newest = Math.max(newest ?? -1, Number(row.o));
  }
  return newest;
}

async function silverIdsSoFar(session: SparkSession, home: TempHome): Promise<string[]> {
  const frame = await readLayer(session, home, "silver");
  if (!frame) return [];
  const rows = await frame.selectExpr("event_id").collect();
  return rows.map((r) => String(r.event_id).replace(/'/g, "''"));
}

/**
 * A bronze file no commit added (a failed write's leftover): in the table's folder but not in its
 * Delta log, so readers going through the log must not see it.
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
