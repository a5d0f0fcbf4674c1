import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { validateRecord } from "@ecomstream/contracts";
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

  it("keeps every record as it came: value byte for byte (broken JSON and copies too), partition, offset, Kafka time and its hour, and the contract's verdict on it", async () => {
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

    // each record's verdict, stored beside it, is the contract's (its TypeScript validator's)
    const verdicts = await frame
      .selectExpr(
        "value",
        "CAST(unix_millis(kafka_timestamp) AS BIGINT) AS kafka_ms",
        "verdict.reason",
        "verdict.field",
        "verdict.event_id",
        "verdict.event_type",
        "CAST(unix_millis(verdict.event_ts) AS BIGINT) AS event_ms",
        "verdict.price",
        "verdict.hour AS event_hour",
      )
      .collect();
    const judged = new Map<string, number>();
    for (const v of verdicts) {
      const expected = validateRecord(String(v.value), new Date(Number(v.kafka_ms)));
      const what = `record ${String(v.value).slice(0, 60)}`;
      if (expected.ok) {
        assert.equal(v.reason, null, `${what}: valid`);
        assert.equal(v.event_id, expected.event.event_id, `${what}: event_id`);
        assert.equal(v.event_type, expected.event.event_type, `${what}: event_type`);
        assert.equal(Number(v.event_ms), expected.eventTimeMs, `${what}: event_ts`);
        assert.equal(
          Number(v.event_hour),
          new Date(expected.eventTimeMs).getUTCHours(),
          `${what}: event hour`,
        );
        const price = "price" in expected.event ? expected.event.price : null;
        assert.equal(v.price === null ? null : Number(v.price), price ?? null, `${what}: price`);
      } else {
        assert.equal(v.reason, expected.reason, `${what}: reason`);
        assert.equal(v.field, expected.field, `${what}: field`);
        assert.equal(v.event_id, null, `${what}: an invalid record has no typed values`);
      }
      const reason = String(v.reason ?? "valid");
      judged.set(reason, (judged.get(reason) ?? 0) + 1);
    }
    for (const reason of ["valid", "invalid_json", "invalid_enum", "missing_field"])
      assert.ok(judged.has(reason), `the records include ${reason} (${[...judged.keys()].join(", ")})`);
  });
});
