import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createLogger } from "@ecomstream/runtime";
import { createTopic, deleteTopics, type TempDatabase, tempDatabase, until } from "@ecomstream/testkit";
import { ProduceAcks, Producer, stringSerializers } from "@platformatic/kafka";
import { FreshnessTracker } from "./freshness.js";
import { KpiConsumer, kpiStreamFailuresCounter } from "./kpi-consumer.js";
import { kafkaBootstrap, kpiObject } from "./loader.fixture.js";

const t0 = Date.UTC(2024, 2, 10, 9, 0);
const iso = (ms: unknown) => new Date(Number(ms)).toISOString();
const kpiJson = (i: number) => {
  const row = kpiObject({
    minuteMs: t0 + i * 60_000,
    events: 4,
    isFinal: false,
    updatedAtMs: t0 + 3_600_000,
  });
  return JSON.stringify({
    ...row,
    window_start: iso(row.window_start),
    window_end: iso(row.window_end),
    updated_at: iso(row.updated_at),
  });
};

describe("loader: the provisional stream's failed load is counted and retried", { timeout: 120_000 }, () => {
  const topic = `loader-kpi-retry-${Date.now().toString(36)}`;
  let db: TempDatabase;
  let consumer: KpiConsumer | undefined;

  before(async () => {
    db = await tempDatabase("ecom_loader_test");
    await createTopic(topic);
  });
  after(async () => {
    await consumer?.stop();
    await deleteTopics([topic]);
    await db?.drop();
  });

  it("keeps the batch while kpi_minute is away, then loads it and what follows", async () => {
    await db.pool.query("ALTER TABLE serving.kpi_minute RENAME TO kpi_minute_away");
    const failures = kpiStreamFailuresCounter();
    consumer = new KpiConsumer({
      bootstrap: kafkaBootstrap,
      topic,
      groupId: `${topic}-group`,
      pool: db.writer(),
      logger: createLogger("kpi-consumer-retry-test"),
      freshness: new FreshnessTracker(),
      failures,
    });
    consumer.start();
    const producer = new Producer({
      clientId: "loader-test",
      bootstrapBrokers: kafkaBootstrap.split(","),
      acks: ProduceAcks.ALL,
      serializers: stringSerializers,
    });
    try {
      await producer.send({ messages: [{ topic, key: "k", value: kpiJson(0) }] });
      const writeFailures = async () =>
        (await failures.get()).values.find((v) => v.labels.kind === "write")?.value ?? 0;
      await until("two failed loads", async () => (await writeFailures()) >= 2, 60_000);
      assert.equal(consumer.health().written, 0);
      assert.match(consumer.health().lastError ?? "", /kpi_minute/);

      await db.pool.query("ALTER TABLE serving.kpi_minute_away RENAME TO kpi_minute");
      await producer.send({ messages: [{ topic, key: "k", value: kpiJson(1) }] });
      await until("both minutes loaded", async () => consumer?.health().written === 2, 60_000);
    } finally {
      await producer.close();
    }
    const rows = await db.pool.query("SELECT count(*)::int AS n FROM serving.kpi_minute");
    assert.equal(rows.rows[0]?.n, 2);
  });
});
