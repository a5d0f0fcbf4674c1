import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { StreamingQueryProgress } from "@ecomstream/spark-connect";
import { noteEventTime, type QueryState } from "./query-supervisor.js";

const state = (): QueryState => ({
  name: "q",
  phase: "running",
  adopted: false,
  restarts: 0,
  lastProgress: null,
});
const progress = (batchId: number, timestamp: string, max?: string, ms = 500) =>
  ({
    id: "i",
    runId: "r",
    batchId,
    timestamp,
    numInputRows: 1,
    durationMs: { triggerExecution: ms },
    ...(max ? { eventTime: { max, min: max, avg: max, watermark: "1970-01-01T00:00:00.000Z" } } : {}),
    sources: [],
    sink: { description: "s" },
  }) as unknown as StreamingQueryProgress;

describe("noteEventTime", () => {
  it("keeps the newest event time and the last batch's end minus its newest event", () => {
    const s = state();
    noteEventTime(s, progress(1, "2026-11-25T12:00:10.000Z", "2026-11-25T12:00:08.000Z", 1000));
    assert.equal(s.maxEventTime, "2026-11-25T12:00:08.000Z");
    assert.equal(s.batchFreshnessMs, 3000);
    noteEventTime(s, progress(2, "2026-11-25T12:00:20.000Z", "2026-11-25T12:00:05.000Z", 0));
    assert.equal(s.maxEventTime, "2026-11-25T12:00:08.000Z", "an older batch maximum does not move it back");
    assert.equal(s.batchFreshnessMs, 15000);
  });

  it("ignores batches without event times", () => {
    const s = state();
    noteEventTime(s, progress(1, "2026-11-25T12:00:10.000Z"));
    noteEventTime(s, null);
    assert.equal(s.maxEventTime, undefined);
    assert.equal(s.batchFreshnessMs, undefined);
  });
});
