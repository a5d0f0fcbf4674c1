import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createLogger } from "@ecomstream/runtime";
import { SparkSession } from "@ecomstream/spark-connect";
import { Stage } from "@ecomstream/stage";
import {
  createTopic,
  deleteTopics,
  freePort,
  type TempDatabase,
  type TempHome,
  tempDatabase,
  until,
} from "@ecomstream/testkit";
import { ProduceAcks, Producer, stringSerializers } from "@platformatic/kafka";
import { loaderStage } from "./definition.js";
import { kafkaBootstrap, kpiObject, loaderStageHome, sparkRemote, writeGold } from "./loader.fixture.js";

const t0 = Date.UTC(2024, 2, 10, 9, 0);
const minute = (i: number) => t0 + i * 60_000;
const goldAt = minute(200);
const iso = (ms: unknown) => new Date(Number(ms)).toISOString();

/** A provisional record's value as the gold writer sends it. */
const kpiJson = (i: number, events = 4) => {
  const row = kpiObject({ minuteMs: minute(i), events, isFinal: false, updatedAtMs: goldAt });
  return JSON.stringify({
    ...row,
    window_start: iso(row.window_start),
    window_end: iso(row.window_end),
    updated_at: iso(row.updated_at),
  });
};

interface Health {
  healthy: boolean;
  degraded: boolean;
  degradedReasons?: string[];
  loopPasses: { passes: number };
  loader: { badRows: { skipped: { provisional: number; gold: number }; last: unknown } };
}

describe("loader: one bad KPI row never stops loading", { timeout: 240_000 }, () => {
  const _id = Date.now().toString(36);
  let session: SparkSession;
  let home: TempHome;
  let db: TempDatabase;
  let stage: Stage;
  let port: number;
  let producer: Producer<string, string, string, string>;

  before(async () => {
    session = await SparkSession.connect(`${sparkRemote.replace(/\/$/, "")}/;user_id=loader-bad-rows-test`);
    db = await tempDatabase("ecom_loader_test");
    // a row Postgres refuses for what it holds (as it would a value out of a column's range)
    await db.pool.query("ALTER TABLE serving.kpi_minute ADD CONSTRAINT test_refused CHECK (events <> 666)");
    port = await freePort();
    home = await loaderStageHome(db.url, "bad", port);
    await createTopic(home.config.topic.kpiName);
    producer = new Producer({
      clientId: "loader-test",
      bootstrapBrokers: kafkaBootstrap.split(","),
      acks: ProduceAcks.ALL,
      serializers: stringSerializers,
    });
  });
  after(async () => {
    await stage?.stop();
    await producer?.close();
    if (home) await deleteTopics([home.config.topic.kpiName]);
    await db?.drop();
    await session?.close();
    home?.remove();
  });

  const send = (values: string[]) =>
    producer.send({
      messages: values.map((value) => ({ topic: home.config.topic.kpiName, key: "k", value })),
    });
  const health = async () => {
    const response = await fetch(`http://127.0.0.1:${port}/health`);
    return { status: response.status, body: (await response.json()) as Health };
  };
  const badRowsMetric = async (source: string) => {
    const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    const match = new RegExp(`^ecom_loader_bad_rows_total\\{[^}]*source="${source}"[^}]*\\} (\\d+)`, "m");
    return Number(match.exec(text)?.[1]);
  };
  const minutesLoaded = async () =>
    (
      await db.pool.query<{ m: number }>(
        "SELECT ((extract(epoch FROM window_start) * 1000 - $1) / 60000)::int AS m FROM serving.kpi_minute ORDER BY 1",
        [t0],
      )
    ).rows.map((r) => r.m);

  it("skips bad gold rows and records, counts each once, shows degraded, and loads what comes after", async () => {
    // gold: minute 1 holds a non-finite revenue between two good minutes
    await writeGold(session, home.lake, [
      { minuteMs: minute(0), events: 5, isFinal: true, updatedAtMs: goldAt },
      {
        minuteMs: minute(1),
        events: 5,
        isFinal: true,
        updatedAtMs: goldAt,
        sql: { revenue_usd: "CAST('Infinity' AS DOUBLE)" },
      },
      { minuteMs: minute(2), events: 5, isFinal: true, updatedAtMs: goldAt },
    ]);
    // the KPI topic: not JSON, an overflowing revenue (1e400 parses to Infinity), a row Postgres refuses
    await send([
      kpiJson(3),
      "not json",
      kpiJson(4).replace(/"revenue_usd":[^,]*/, '"revenue_usd":1e400'),
      kpiJson(5, 666),
      kpiJson(6),
    ]);

    stage = new Stage(loaderStage, home.config, createLogger("loader-bad-rows-test"));
    await stage.start();
    await until("minute 6 in serving", async () => (await minutesLoaded()).includes(6), 120_000);
    await until("gold minute 2 in serving", async () => (await minutesLoaded()).includes(2), 120_000);
    assert.deepEqual(await minutesLoaded(), [0, 2, 3, 6]);

    // later minutes still load, from both sources
    await send([kpiJson(7)]);
    await writeGold(session, home.lake, [
      { minuteMs: minute(70), events: 3, isFinal: true, updatedAtMs: goldAt + 60_000 },
    ]);
    await until(
      "minutes 7 and 70 after the bad rows",
      async () => (await minutesLoaded()).includes(7) && (await minutesLoaded()).includes(70),
      120_000,
    );
    // several passes re-read the bad gold row within the cursor's overlap: still counted once
    const passes = (await health()).body.loopPasses.passes;
    await until("2 more passes", async () => (await health()).body.loopPasses.passes >= passes + 2, 120_000);

    const { status, body } = await health();
    assert.equal(status, 200, JSON.stringify(body));
    assert.equal(body.healthy, true);
    assert.equal(body.degraded, true);
    assert.match(body.degradedReasons?.join(" ") ?? "", /skipped 4 bad KPI row/);
    assert.deepEqual(body.loader.badRows.skipped, { provisional: 3, gold: 1 });
    assert.equal(await badRowsMetric("provisional"), 3);
    assert.equal(await badRowsMetric("gold"), 1);
  });
});
