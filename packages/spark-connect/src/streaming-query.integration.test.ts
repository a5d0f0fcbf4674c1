import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { Admin } from "@platformatic/kafka";
import { SparkError } from "./errors.js";
import type { SparkSession } from "./session.js";
import { connectForTest, kafkaBootstrap, tempDir, waitFor } from "./spark-connect.fixture.js";
import type { StreamingQuery, StreamingQueryProgress } from "./streaming-query.js";

let spark: SparkSession;
before(async () => {
  spark = await connectForTest();
  await spark.conf.set("spark.sql.shuffle.partitions", 2);
});
after(async () => {
  for (const query of await spark.streams.active()) await query.stop();
  await spark.close();
});

/** Waits for a completed micro-batch that read rows, and returns its progress. */
function progressWithRows(query: StreamingQuery): Promise<StreamingQueryProgress> {
  return waitFor("a micro-batch with input rows", async () => {
    const recent = await query.recentProgress();
    return recent.find((p) => p.numInputRows > 0);
  });
}

test("rate -> parquet streams, reports progress, and restarts from its checkpoint exactly once", async () => {
  const dir = tempDir("rate");
  try {
    const output = join(dir.path, "out");
    const checkpoint = join(dir.path, "checkpoint");
    const startQuery = () =>
      spark.readStream
        .format("rate")
        .options({ rowsPerSecond: 200, numPartitions: 2 })
        .load()
        .withWatermark("timestamp", "10 seconds")
        .selectExpr("value", "timestamp")
        .writeStream.format("parquet")
        .option("checkpointLocation", checkpoint)
        .queryName(`rate_${randomUUID().slice(0, 8)}`)
        .trigger({ processingTime: "500 milliseconds" })
        .start(output);

    const first = await startQuery();
    assert.match(first.id, /^[0-9a-f-]{36}$/);
    assert.ok(first.name?.startsWith("rate_"));
    const progress = await progressWithRows(first);
    assert.equal(progress.id, first.id);
    assert.ok(progress.numInputRows > 0);
    assert.ok((await first.lastProgress()) !== null);
    const status = await first.status();
    assert.equal(status.isActive, true);
    assert.equal(await first.awaitTermination(100), false);
    assert.equal(await first.exception(), null);
    assert.deepEqual(
      (await spark.streams.active()).map((q) => q.id),
      [first.id],
    );
    assert.equal((await spark.streams.get(first.id))?.runId, first.runId);
    await first.stop();
    assert.equal(await first.isActive(), false);
    const firstRun = await spark.read.parquet(output).collect();
    assert.ok(firstRun.length > 0);

    const second = await startQuery();
    assert.equal(second.id, first.id, "same checkpoint, same query id");
    assert.notEqual(second.runId, first.runId);
    await waitFor("the restarted query to commit a batch with rows", async () =>
      (await second.recentProgress()).some((p) => p.numInputRows > 0) ? true : undefined,
    );
    await second.stop();

    const rows = await spark.read.parquet(output).selectExpr("value").collect();
    const values = rows.map((r) => Number(r.value)).sort((a, b) => a - b);
    assert.ok(values.length > firstRun.length, "the second run appended rows");
    assert.equal(new Set(values).size, values.length, "no value written twice");
    assert.equal(values[0], 0);
    assert.equal(values[values.length - 1], values.length - 1, "no value skipped");
  } finally {
    dir.remove();
  }
});

test("kafka -> parquet streams and restarts from its checkpoint without reprocessing", async () => {
  const dir = tempDir("kafka");
  const topic = `spark-connect-test-${randomUUID()}`;
  const produce = (from: number, to: number) =>
    spark
      .range(from, to)
      .selectExpr("CAST(id AS STRING) AS key", "CAST(id AS STRING) AS value")
      .write.format("kafka")
      .option("kafka.bootstrap.servers", kafkaBootstrap)
      .option("topic", topic)
      // the test does not need the idempotent producer (Kafka's default), so it is off
      .option("kafka.enable.idempotence", false)
      .option("kafka.delivery.timeout.ms", 20_000)
      .option("kafka.request.timeout.ms", 10_000)
      .mode("append")
      .save();
  // brokers create no topic by themselves (auto.create.topics.enable=false)
  const admin = new Admin({ clientId: "spark-connect-test", bootstrapBrokers: kafkaBootstrap.split(",") });
  await admin.createTopics({ topics: [topic], partitions: 2, replicas: 1 }).finally(() => admin.close());
  try {
    const output = join(dir.path, "out");
    const checkpoint = join(dir.path, "checkpoint");
    await produce(0, 100);
    const startQuery = () =>
      spark.readStream
        .format("kafka")
        .option("kafka.bootstrap.servers", kafkaBootstrap)
        .option("subscribe", topic)
        .option("startingOffsets", "earliest")
        .load()
        .selectExpr("CAST(value AS STRING) AS value", "partition", "offset")
        .writeStream.format("parquet")
        .option("checkpointLocation", checkpoint)
        .trigger({ processingTime: "500 milliseconds" })
        .start(output);

    const first = await startQuery();
    const progress = await progressWithRows(first);
    assert.ok(progress.numInputRows > 0);
    assert.match(progress.sources[0]?.description ?? "", /Kafka/i);
    await first.processAllAvailable();
    await first.stop();
    assert.equal(await spark.read.parquet(output).count(), 100);

    await produce(100, 150);
    const second = await startQuery();
    assert.equal(second.id, first.id);
    await second.processAllAvailable();
    const read = (await second.recentProgress()).reduce((sum, p) => sum + p.numInputRows, 0);
    assert.equal(read, 50, "the restart reads only the new records");
    await second.stop();

    const values = (await spark.read.parquet(output).selectExpr("value").collect()).map((r) =>
      Number(r.value),
    );
    assert.equal(values.length, 150);
    assert.equal(new Set(values).size, 150, "no record written twice");
  } finally {
    dir.remove();
  }
});

test("a restarted writer adopts its running query by reconnecting with the session id", async () => {
  const dir = tempDir("adopt");
  const writer = await connectForTest();
  try {
    const query = await writer.readStream
      .format("rate")
      .option("rowsPerSecond", 10)
      .load()
      .writeStream.format("parquet")
      .option("checkpointLocation", join(dir.path, "checkpoint"))
      .trigger({ processingTime: "1 second" })
      .start(join(dir.path, "out"));
    writer.detach(); // the process "dies" without releasing its session

    const stranger = await connectForTest();
    assert.equal(await stranger.streams.get(query.id), null, "another session does not see the query");
    assert.deepEqual(await stranger.streams.active(), []);
    await stranger.close();

    const restarted = await connectForTest({ sessionId: writer.sessionId });
    const adopted = await restarted.streams.get(query.id);
    assert.ok(adopted, "the same session id sees the query");
    assert.equal(adopted.runId, query.runId);
    assert.equal(await adopted.isActive(), true);
    const commits = join(dir.path, "checkpoint", "commits");
    await waitFor("a committed batch", async () => (readdirSync(commits).length > 0 ? true : undefined));
    // The release itself may report an error from the server's session cleanup (see README); what
    // matters is that the session is gone and its queries are stopped.
    await restarted.close();
    await assert.rejects(connectForTest({ sessionId: writer.sessionId }), (error: unknown) => {
      assert.ok(error instanceof SparkError);
      assert.equal(error.errorClass, "INVALID_HANDLE.SESSION_CLOSED");
      return true;
    });
    const committed = readdirSync(commits).length;
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    assert.equal(readdirSync(commits).length, committed, "no batch commits after the session is released");
  } finally {
    dir.remove();
  }
});
