import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { computeKpiMinutes, kpiMinuteColumns } from "@ecomstream/contracts";
import { SparkSession } from "@ecomstream/spark-connect";
import { Admin, Consumer, MessagesStreamModes, stringDeserializers } from "@platformatic/kafka";
import { provisionalQuery, provisionalQueryName } from "./provisional-query.js";
import {
  appendSilver,
  kafkaBootstrap,
  makeEvents,
  sparkRemote,
  type TempHome,
  tempHome,
} from "./test-support.js";

/** Reads `count` records of `topic` from the beginning (or fails after 45 s). */
async function readTopic(topic: string, count: number): Promise<Array<{ key: string; value: string }>> {
  const consumer = new Consumer({
    groupId: `gold-writer-test-${Date.now()}`,
    clientId: "gold-writer-test",
    bootstrapBrokers: kafkaBootstrap.split(","),
    deserializers: stringDeserializers,
  });
  const records: Array<{ key: string; value: string }> = [];
  try {
    const stream = await consumer.consume({
      topics: [topic],
      mode: MessagesStreamModes.EARLIEST,
      autocommit: false,
    });
    const timer = setTimeout(() => void stream.close(), 45_000);
    for await (const message of stream) {
      records.push({ key: String(message.key), value: String(message.value) });
      if (records.length >= count) break;
    }
    clearTimeout(timer);
  } finally {
    await consumer.close(true);
  }
  return records;
}

describe("provisional kpi_minute stream to Kafka", { timeout: 150_000 }, () => {
  let session: SparkSession;
  let home: TempHome;
  const topic = `gold-writer-test-${Date.now()}`;
  before(async () => {
    session = await SparkSession.connect(
      `${sparkRemote.replace(/\/$/, "")}/;user_id=gold-writer-provisional-test`,
    );
    home = tempHome({ ECOM_KPI_TOPIC: topic, ECOM_GOLD_TRIGGER: "1 second" });
    const admin = new Admin({ clientId: "gold-writer-test", bootstrapBrokers: kafkaBootstrap.split(",") });
    try {
      await admin.createTopics({ topics: [topic], partitions: 1, replicas: 1 });
    } finally {
      await admin.close();
    }
  });
  after(async () => {
    await session?.close();
    home?.remove();
    const admin = new Admin({ clientId: "gold-writer-test", bootstrapBrokers: kafkaBootstrap.split(",") });
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.close();
  });

  it("publishes one JSON record per updated minute, keyed by window_start", { timeout: 90_000 }, async () => {
    const events = makeEvents("p", Date.UTC(2024, 2, 10, 9, 58, 30), 60, 3_000); // 09:58:30 .. 10:01:27
    await appendSilver(session, home, events);
    const query = await provisionalQuery(home.config, home.lake).start(session);
    try {
      assert.equal(query.name, provisionalQueryName);
      await query.processAllAvailable();
    } finally {
      await query.stop();
    }
    const expected = computeKpiMinutes(events);
    const records = await readTopic(topic, expected.length);
    assert.equal(records.length, expected.length);
    const byKey = new Map(records.map((r) => [r.key, JSON.parse(r.value) as Record<string, unknown>]));
    assert.deepEqual(
      [...byKey.keys()].sort(),
      expected.map((e) => e.window_start),
    );
    for (const exp of expected) {
      const value = byKey.get(exp.window_start)!;
      assert.deepEqual(Object.keys(value), [
        ...kpiMinuteColumns.map((c) => c.name),
        "is_final",
        "updated_at",
      ]);
      assert.equal(value.window_start, exp.window_start);
      assert.equal(value.window_end, exp.window_end);
      for (const c of ["events", "page_views", "purchases", "payment_failures", "checkouts"] as const)
        assert.equal(value[c], exp[c], `${exp.window_start} ${c}`);
      for (const c of ["unique_users", "unique_sessions"] as const)
        assert.ok(Math.abs((value[c] as number) - exp[c]) <= 0.02 * exp[c], `${exp.window_start} ${c}`);
      assert.ok(
        Math.abs((value.revenue_usd as number) - exp.revenue_usd) <= 1e-9 * Math.max(1, exp.revenue_usd),
      );
      assert.equal(value.is_final, false);
      assert.ok(!Number.isNaN(Date.parse(String(value.updated_at))));
    }
  });
});
