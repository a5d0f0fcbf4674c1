import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { FreshnessTracker, rowFreshnessMs } from "./freshness.js";

const minute = Date.UTC(2026, 2, 3, 12, 0);
const windowEnd = minute + 60_000;

describe("serving freshness of kpi_minute rows", () => {
  it("is upsert time minus the row's newest event time when the record carries it", () => {
    assert.equal(rowFreshnessMs(minute + 47_000, windowEnd, minute + 45_000, minute + 40_500), 6_500);
    // a minute still filling: the newest event is well before both window_end and updated_at
    assert.equal(rowFreshnessMs(minute + 30_000, windowEnd, minute + 29_000, minute + 10_000), 20_000);
  });

  it("falls back to min(window_end, updated_at), a lower bound, without it", () => {
    assert.equal(rowFreshnessMs(minute + 47_000, windowEnd, minute + 45_000), 2_000);
    assert.equal(rowFreshnessMs(windowEnd + 9_000, windowEnd, windowEnd + 5_000, null), 9_000);
    assert.equal(rowFreshnessMs(minute, windowEnd, minute + 1_000), 0, "never negative");
  });

  it("keeps percentiles of the samples and reports each to its observer", () => {
    const observed: number[] = [];
    const tracker = new FreshnessTracker(3, (seconds) => observed.push(seconds));
    tracker.record(minute + 10_000, windowEnd, minute + 9_000, minute + 8_000);
    tracker.record(minute + 10_000, windowEnd, minute + 9_000);
    tracker.record(minute + 10_000, windowEnd, minute + 9_000, minute + 4_000);
    tracker.record(minute + 10_000, windowEnd, minute + 9_000, minute + 5_000);
    assert.deepEqual(observed, [2, 1, 6, 5]);
    assert.deepEqual(tracker.summary(), {
      samples: 3,
      p50Ms: 5_000,
      p95Ms: 6_000,
      maxMs: 6_000,
      lastMs: 5_000,
    });
  });
});
