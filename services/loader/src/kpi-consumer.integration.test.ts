import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { lakeStore } from "@ecomstream/lake";
import { createLogger, createServingPool } from "@ecomstream/runtime";
import { SparkSession } from "@ecomstream/spark-connect";
import {
  createTopic,
  deleteTopics,
  type TempDatabase,
  type TempHome,
  tempDatabase,
  tempHome,
  until,
} from "@ecomstream/testkit";
import { ProduceAcks, Producer, stringSerializers } from "@platformatic/kafka";
import type pg from "pg";
import { FreshnessTracker } from "./freshness.js";
import { syncGold } from "./gold-sync.js";
import { KpiConsumer } from "./kpi-consumer.js";
import {
  type GoldRowSpec,
  kafkaBootstrap,
  kpiObject,
  kpiSnapshot,
  sparkRemote,
  writeGold,
} from "./loader.fixture.js";

const t0 = Date.UTC(2024, 2, 10, 9, 58);
const minute = (i: number) => t0 + i * 60_000;
const streamAt = Date.UTC(2024, 2, 10, 10, 0, 30);

/** A record as the gold writer's provisional stream writes it: Spark's to_json of the row, UTC. */
function provisionalJson(spec: GoldRowSpec): string {
  const row = kpiObject(spec);
  const iso = (ms: unknown) => new Date(Number(ms)).toISOString();
  return JSON.stringify({
    ...row,
    window_start: iso(row.window_start),
    window_end: iso(row.window_end),
    updated_at: iso(row.updated_at),
  });
}

describe("loader: provisional KPI stream -> kpi_minute (Kafka)", { timeout: 240_000 }, () => {
  const topic = `loader-kpi-test-${Date.now()}`;
  let session: SparkSession;
  let home: TempHome;
  let db: TempDatabase;
  let writer: pg.Pool;
  let producer: Producer<string, string, string, string>;
  let consumer: KpiConsumer | undefined;
  const freshness = new FreshnessTracker();

  const startConsumer = (
    groupId: string,
    options: { tracker?: FreshnessTracker; clock?: () => number } = {},
  ) => {
    consumer = new KpiConsumer({
      bootstrap: kafkaBootstrap,
      topic,
      groupId,
      pool: writer,
      logger: createLogger("loader-test"),
      freshness: options.tracker ?? freshness,
      ...(options.clock ? { clock: options.clock } : {}),
    });
    consumer.start();
    return consumer;
  };
  const send = (records: Array<{ key: string; value: string }>) =>
    producer.send({ messages: records.map((r) => ({ topic, ...r })) });
  const provisional = (spec: Omit<GoldRowSpec, "isFinal">) => ({
    key: new Date(spec.minuteMs).toISOString(),
    value: provisionalJson({ ...spec, isFinal: false }),
  });
  /** The consumer has received `count` records and loaded and committed all it received. */
  const loaded = async (kpi: KpiConsumer, count: number) => {
    const health = kpi.health();
    return health.received >= count && health.pending === 0;
  };
  const rows = async () =>
    (
      await db.pool.query(
        "SELECT window_start, events, is_final, source, updated_at FROM serving.kpi_minute ORDER BY window_start",
      )
    ).rows.map((r) => [
      r.window_start.getTime(),
      Number(r.events),
      r.is_final,
      r.source,
      r.updated_at.getTime(),
    ]);

  before(async () => {
    session = await SparkSession.connect(`${sparkRemote.replace(/\/$/, "")}/;user_id=loader-kpi-test`);
    home = tempHome("loader-", { ECOM_KPI_TOPIC: topic });
    db = await tempDatabase("ecom_loader_test");
    writer = createServingPool(db.writerUrl);
    await createTopic(topic, 2);
    producer = new Producer({
      clientId: "loader-test",
      bootstrapBrokers: kafkaBootstrap.split(","),
      acks: ProduceAcks.ALL,
      serializers: stringSerializers,
    });
  });
  after(async () => {
    await consumer?.stop();
    await producer?.close();
    await deleteTopics([topic]);
    await writer?.end();
    await db?.drop();
    await session?.close();
    home?.remove();
  });

  it("upserts provisional rows as minutes fill; a bad record is skipped, the rest loaded", async () => {
    const kpi = startConsumer(`loader-test-${Date.now()}`);
    await send([
      provisional({ minuteMs: minute(0), events: 10, updatedAtMs: streamAt }),
      { key: "garbage", value: "not json" },
      provisional({ minuteMs: minute(1), events: 3, updatedAtMs: streamAt }),
    ]);
    await until("rows", async () => kpi.health().received >= 3 && (await rows()).length === 2, 60_000);
    await send([provisional({ minuteMs: minute(1), events: 8, purchases: 1, updatedAtMs: streamAt + 5000 })]);
    await until("the update", async () => loaded(kpi, 4), 60_000);
    assert.deepEqual(await rows(), [
      [minute(0), 10, false, "provisional", streamAt],
      [minute(1), 8, false, "provisional", streamAt + 5000],
    ]);
    const health = kpi.health();
    assert.equal(health.rejected, 1);
    assert.match(health.lastError ?? "", /invalid kpi_minute row: value is not JSON/);
    assert.ok(freshness.summary().samples >= 3);
  });

  it("an older or repeated provisional update changes nothing", async () => {
    const before = await kpiSnapshot(db.pool);
    const received = consumer!.health().received;
    await send([
      provisional({ minuteMs: minute(1), events: 5, updatedAtMs: streamAt }), // older
      provisional({ minuteMs: minute(1), events: 8, purchases: 1, updatedAtMs: streamAt + 5000 }), // same
    ]);
    await until("the records", async () => loaded(consumer!, received + 2), 60_000);
    assert.deepEqual(await kpiSnapshot(db.pool), before);
  });

  it("final gold replaces provisional rows; provisional replays never overwrite them", async () => {
    const goldAt = streamAt + 60_000;
    const gold: GoldRowSpec[] = [
      { minuteMs: minute(0), events: 11, purchases: 1, isFinal: true, updatedAtMs: goldAt },
      { minuteMs: minute(1), events: 9, purchases: 1, isFinal: true, updatedAtMs: goldAt },
    ];
    await writeGold(session, home.lake, gold);
    const result = await syncGold(session, writer, home.lake, lakeStore(home.config));
    assert.equal(result.written, 2);
    assert.deepEqual(await rows(), [
      [minute(0), 11, true, "gold", goldAt],
      [minute(1), 9, true, "gold", goldAt],
    ]);
    const finalRows = await kpiSnapshot(db.pool);

    // a provisional update newer than gold (the stream's clock may run ahead) and the same again
    const received = consumer!.health().received;
    await send([
      provisional({ minuteMs: minute(1), events: 99, updatedAtMs: goldAt + 30_000 }),
      provisional({ minuteMs: minute(1), events: 99, updatedAtMs: goldAt + 30_000 }),
    ]);
    await until("the records", async () => consumer!.health().received >= received + 2, 60_000);
    await consumer!.stop();

    // the whole topic again, from the beginning (a new consumer group): at-least-once replay
    const replay = startConsumer(`loader-test-replay-${Date.now()}`);
    await until("the replay", async () => replay.health().received >= received + 2, 60_000);
    await consumer!.stop();
    assert.equal(
      (await syncGold(session, writer, home.lake, lakeStore(home.config))).written,
      0,
      "the same gold again",
    );
    assert.deepEqual(await kpiSnapshot(db.pool), finalRows);
  });

  it("measures freshness from a record's max_event_ts, and from min(window_end, updated_at) without it", async () => {
    const loadedAt = Date.UTC(2024, 2, 10, 10, 7, 30);
    const tracker = new FreshnessTracker();
    const withNewest = { minuteMs: minute(6), events: 4, updatedAtMs: minute(6) + 50_000 };
    const without = { minuteMs: minute(7), events: 2, updatedAtMs: minute(7) + 20_000 };
    await send([
      {
        ...provisional(withNewest),
        value: JSON.stringify({
          ...JSON.parse(provisional(withNewest).value),
          max_event_ts: new Date(minute(6) + 12_500).toISOString(),
        }),
      },
      provisional(without),
    ]);
    // a new group reads the whole topic again; only the two new minutes are written
    const kpi = startConsumer(`loader-test-freshness-${Date.now()}`, { tracker, clock: () => loadedAt });
    await until("the rows", async () => (await rows()).length === 4 && kpi.health().pending === 0, 60_000);
    await kpi.stop();
    const summary = tracker.summary();
    assert.equal(summary.samples, 2);
    // upsert time - max_event_ts; upsert time - updated_at (before its window's end)
    assert.equal(summary.maxMs, loadedAt - (minute(6) + 12_500));
    assert.equal(summary.p50Ms, loadedAt - (minute(7) + 20_000));
  });
});
