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

const t0 = Date.UTC(2024, 2, 10, 9, 58);
const minute = (i: number) => t0 + i * 60_000;

interface LoaderHealthBody {
  healthy: boolean;
  loader: {
    lastRunAt: string | null;
    gold: { totalWritten: number };
    provisional: { written: number; state: string };
  };
}

describe("loader stage: /health and /metrics (serving freshness histogram)", { timeout: 180_000 }, () => {
  const _id = Date.now().toString(36);
  let session: SparkSession;
  let home: TempHome;
  let db: TempDatabase;
  let stage: Stage;
  let port: number;

  before(async () => {
    session = await SparkSession.connect(`${sparkRemote.replace(/\/$/, "")}/;user_id=loader-stage-test`);
    db = await tempDatabase("ecom_loader_test");
    port = await freePort();
    home = await loaderStageHome(db.url, "stage", port);
    await createTopic(home.config.topic.kpiName);
  });
  after(async () => {
    await stage?.stop({ stopQueries: true });
    if (home) await deleteTopics([home.config.topic.kpiName]);
    await db?.drop();
    await session?.close();
    home?.remove();
  });

  const get = async (path: string) => fetch(`http://127.0.0.1:${port}${path}`);

  it("loads gold and the provisional stream and reports their freshness", async () => {
    const goldAt = minute(3) + 70_000;
    await writeGold(session, home.lake, [
      { minuteMs: minute(0), events: 5, isFinal: true, updatedAtMs: goldAt },
      { minuteMs: minute(1), events: 6, isFinal: true, updatedAtMs: goldAt },
    ]);
    const producer = new Producer({
      clientId: "loader-test",
      bootstrapBrokers: kafkaBootstrap.split(","),
      acks: ProduceAcks.ALL,
      serializers: stringSerializers,
    });
    const row = kpiObject({ minuteMs: minute(2), events: 4, isFinal: false, updatedAtMs: goldAt });
    const iso = (ms: unknown) => new Date(Number(ms)).toISOString();
    await producer.send({
      messages: [
        {
          topic: home.config.topic.kpiName,
          key: iso(row.window_start),
          value: JSON.stringify({
            ...row,
            window_start: iso(row.window_start),
            window_end: iso(row.window_end),
            updated_at: iso(row.updated_at),
          }),
        },
      ],
    });
    await producer.close();

    stage = new Stage(loaderStage, home.config, createLogger("loader-stage-test"));
    await stage.start();
    let health: LoaderHealthBody | undefined;
    await until(
      "gold and provisional rows",
      async () => {
        health = (await (await get("/health")).json()) as LoaderHealthBody;
        // lastRunAt is set once a run has also written pipeline_stage
        return (
          health.loader.gold.totalWritten >= 2 &&
          health.loader.provisional.written >= 1 &&
          health.loader.lastRunAt !== null
        );
      },
      90_000,
    );
    assert.equal(health?.healthy, true, JSON.stringify(health));
    assert.equal(health?.loader.provisional.state, "consuming");

    const metrics = await (await get("/metrics")).text();
    const count = (source: string) =>
      Number(
        new RegExp(
          `^ecom_loader_serving_freshness_seconds_count\\{[^}]*source="${source}"[^}]*\\} (\\d+)`,
          "m",
        ).exec(metrics)?.[1],
      );
    assert.equal(count("gold"), 2, metrics);
    assert.equal(count("provisional"), 1, metrics);
    // the rows are from 2024: every sample is in the +Inf bucket only
    assert.match(
      metrics,
      /ecom_loader_serving_freshness_seconds_bucket\{le="3600",[^}]*source="gold"[^}]*\} 0/,
    );

    const stages = await db.pool.query("SELECT stage, details FROM serving.pipeline_stage ORDER BY stage");
    assert.deepEqual(
      stages.rows.map((r) => [r.stage, r.details.healthy]),
      [
        ["bronze-writer", false],
        ["gold-writer", false],
        ["loader", true],
        ["silver-writer", false],
      ],
    );
  });
});
