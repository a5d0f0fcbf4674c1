import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { lakeStore, readTable } from "@ecomstream/lake";
import { hourOf, hourStartMs, layerSpecs } from "@ecomstream/lake-model";
import { SparkSession } from "@ecomstream/spark-connect";
import {
  createTopic,
  deleteTopics,
  produce,
  runQueries,
  shopRecords,
  type TempHome,
  tempHome,
  uniqueTopic,
} from "@ecomstream/testkit";
import { bronzeQuery } from "./bronze-query.js";

describe("bronze-writer's query on a tiny topic (Kafka, Spark)", () => {
  const topic = uniqueTopic("bronze-query");
  let home: TempHome;
  let session: SparkSession;

  before(async () => {
    home = tempHome("ecom-bronze-query-", { ECOM_TOPIC: topic, ECOM_BRONZE_TRIGGER: "1 second" });
    session = await SparkSession.connect(home.config.spark.remote);
    await createTopic(topic, 3);
  });
  after(async () => {
    await session?.close();
    home?.remove();
    await deleteTopics([topic]);
  });

  it("keeps every record as it came: value byte for byte (broken JSON and copies too), partition, offset, Kafka time and its hour", async () => {
    // two hours of Kafka time ending 3 h ago, on three partitions; every 10th a copy, some not JSON
    const start = hourStartMs(hourOf(Date.now() - 5 * 3_600_000));
    const records = shopRecords(start, 0, 90, 2 * 3_600_000);
    await produce(
      topic,
      records.map((r) => ({ value: r.value, partition: r.partition, timestampMs: r.kafkaMs })),
    );
    await runQueries(session, [bronzeQuery(home.config, home.lake)]);

    const { frame } = await readTable(session, lakeStore(home.config), layerSpecs(home.lake).bronze);
    assert.ok(frame, "bronze is a table");
    const rows = await frame
      .selectExpr(
        "value",
        "topic",
        "partition",
        "offset",
        "CAST(unix_millis(kafka_timestamp) AS BIGINT) AS kafka_ms",
        "CAST(ingest_date AS STRING) AS ingest_date",
        "hour",
      )
      .collect();
    assert.equal(rows.length, records.length, "one bronze row per record, copies included");

    const key = (partition: number, value: string, ms: number) => `${partition}|${ms}|${value}`;
    const expected = records.map((r) => key(r.partition, r.value, r.kafkaMs)).sort();
    const got = rows.map((r) => key(Number(r.partition), String(r.value), Number(r.kafka_ms))).sort();
    assert.deepEqual(got, expected, "values, partitions and Kafka times as produced");
    assert.ok(
      rows.some((r) => !String(r.value).endsWith("}")),
      "broken JSON is kept for silver to quarantine",
    );

    for (const partition of [0, 1, 2]) {
      const offsets = rows
        .filter((r) => Number(r.partition) === partition)
        .map((r) => Number(r.offset))
        .sort((a, b) => a - b);
      assert.deepEqual(
        offsets,
        offsets.map((_, i) => i),
        `partition ${partition}: offsets 0..n-1, none lost or twice`,
      );
    }
    for (const r of rows) {
      assert.equal(r.topic, topic);
      const at = new Date(Number(r.kafka_ms));
      assert.equal(r.ingest_date, at.toISOString().slice(0, 10), "ingest_date is the Kafka time's UTC date");
      assert.equal(Number(r.hour), at.getUTCHours(), "hour is the Kafka time's UTC hour");
    }
  });
});
