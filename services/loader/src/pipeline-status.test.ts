import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { bronzeEndOffsets, goldSilverVersionSeen, writerStageRow } from "./pipeline-status.js";
import { recordsBehind, sparkKafkaOffsets } from "./topic-lag.js";

const now = Date.parse("2026-03-03T12:00:00Z");

describe("pipeline stage figures", () => {
  it("reads the bronze query's Kafka end offsets from /health and measures the lag", () => {
    const health = {
      healthy: true,
      queries: [
        {
          name: "ecom_bronze",
          phase: "running",
          sourceEndOffsets: [{ "ecom.events.raw.v1": { "0": 40, "1": 7 } }],
        },
      ],
    };
    const position = sparkKafkaOffsets(bronzeEndOffsets(health), "ecom.events.raw.v1");
    assert.deepEqual(
      position,
      new Map([
        [0, 40],
        [1, 7],
      ]),
    );
    assert.equal(sparkKafkaOffsets('{"other":{"0":1}}', "ecom.events.raw.v1"), null);
    const end = new Map([
      [0, 50],
      [1, 7],
      [2, 5],
    ]);
    assert.equal(recordsBehind(end, position!, new Map([[2, 1]])), 10 + 0 + 4);
    assert.equal(recordsBehind(new Map([[0, 3]]), new Map([[0, 9]])), 0, "never negative");
  });

  it("a writer's row: newest batch, highest input rate, errors of failed queries", () => {
    const row = writerStageRow(
      "silver-writer",
      {
        healthy: false,
        queries: [
          {
            name: "ecom_silver",
            phase: "running",
            lastBatchAt: "2026-03-03T11:59:50.000Z",
            inputRowsPerSecond: 80,
          },
          {
            name: "ecom_quarantine",
            phase: "failed",
            lastBatchAt: "2026-03-03T11:59:40.000Z",
            inputRowsPerSecond: 79,
            lastError: { message: "boom" },
          },
        ],
      },
      { lagRecords: 12.4, newestOutputMs: now - 1500 },
      now,
    );
    assert.equal(row.lastBatchAtMs, Date.parse("2026-03-03T11:59:50.000Z"));
    assert.equal(row.inputRowsPerSecond, 80);
    assert.equal(row.lagRecords, 12);
    assert.equal(row.freshnessSeconds, 1.5);
    assert.equal(row.details.healthy, false);
    assert.equal(row.details.detail, "ecom_quarantine: boom");
  });

  it("a stage that does not answer is unhealthy; what the loader measured itself stays", () => {
    const row = writerStageRow("gold-writer", null, { lagRecords: 3, newestOutputMs: null }, now);
    assert.deepEqual(
      [row.lastBatchAtMs, row.inputRowsPerSecond, row.lagRecords, row.freshnessSeconds],
      [null, null, 3, null],
    );
    assert.equal(row.details.healthy, false);
    assert.equal(row.details.detail, "/health does not answer");
    assert.equal(goldSilverVersionSeen(null), null);
    assert.equal(goldSilverVersionSeen({ gold: { silverVersionSeen: 17 } }), 17);
    assert.equal(goldSilverVersionSeen({ gold: { silverVersionSeen: null } }), null);
  });
});
