import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import { kpiMinuteColumns } from "@ecomstream/contracts";
import { loadConfig } from "@ecomstream/runtime";
import { ProduceAcks, Producer, stringSerializers } from "@platformatic/kafka";
import { ensureTopic, withKafkaAdmin } from "../components/kafka.js";
import { ApiFreshnessPoller } from "./api-freshness.js";
import { benchConfig } from "./pipeline-bench.js";
import { ServingServices } from "./serving-services.js";

/** A provisional record as the gold writer's stream writes it (to_json of the row, UTC). */
function provisionalRecord(windowStartMs: number, maxEventTsMs: number, updatedAtMs: number): string {
  const row: Record<string, unknown> = {};
  for (const column of kpiMinuteColumns)
    row[column.name] = column.type === "timestamp" ? null : column.nullable ? null : 1;
  return JSON.stringify({
    ...row,
    window_start: new Date(windowStartMs).toISOString(),
    window_end: new Date(windowStartMs + 60_000).toISOString(),
    is_final: false,
    updated_at: new Date(updatedAtMs).toISOString(),
    max_event_ts: new Date(maxEventTsMs).toISOString(),
  });
}

describe("bench pipeline: loader and API serving the bench's KPI topic (slow)", { timeout: 300_000 }, () => {
  const config = benchConfig(loadConfig(), `test${Date.now().toString(36)}`);
  let serving: ServingServices | undefined;
  let producer: Producer<string, string, string, string> | undefined;

  before(async () => {
    await ensureTopic(config.kafka.bootstrap, config.topic.kpiName, 1);
    serving = await ServingServices.start(config);
    producer = new Producer({
      clientId: "bench-serving-test",
      bootstrapBrokers: config.kafka.bootstrap.split(","),
      serializers: stringSerializers,
      acks: ProduceAcks.ALL,
    });
  });
  after(async () => {
    await producer?.close().catch(() => undefined);
    await serving?.stop();
    await withKafkaAdmin(config.kafka.bootstrap, (admin) =>
      admin.deleteTopics({ topics: [config.topic.kpiName] }),
    ).catch(() => undefined);
    rmSync(config.home, { recursive: true, force: true });
  });

  it("a provisional record reaches GET /v1/kpis/latest, and the poller measures its newest event's age", async () => {
    const since = Date.now();
    const newest = since - 3000;
    const poller = new ApiFreshnessPoller(serving!.apiUrl, 100);
    poller.start(since - 10_000);
    await producer!.send({
      messages: [
        {
          topic: config.topic.kpiName,
          key: "k",
          value: provisionalRecord(Math.floor(newest / 60_000) * 60_000, newest, Date.now()),
        },
      ],
    });
    const deadline = Date.now() + 120_000;
    let shown: string | null = null;
    while (shown === null && Date.now() < deadline) {
      const body = (await (await fetch(`${serving!.apiUrl}/v1/kpis/latest`)).json()) as {
        minute: { max_event_ts: string | null } | null;
      };
      shown = body.minute?.max_event_ts ?? null;
      if (shown === null) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
    const measured = await poller.stop();
    assert.equal(shown, new Date(newest).toISOString(), "the loader wrote the record's max_event_ts");
    assert.ok(measured.samples > 0, "polls saw the row");
    assert.ok(measured.p50Ms >= 3000, `the age counts from the event's time (${measured.p50Ms} ms)`);
    assert.ok(measured.p95Ms <= Date.now() - newest, "and no more than the time since");
  });
});
