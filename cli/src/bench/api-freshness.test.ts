import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { apiFreshnessSample } from "./api-freshness.js";

const step = Date.UTC(2026, 5, 1, 12, 0, 0);
const latest = (maxEventTs: string | null) => ({
  minute: { window_start: new Date(step).toISOString(), max_event_ts: maxEventTs },
  lastHour: null,
  previousHour: null,
});

describe("API freshness samples", () => {
  it("is the poll time minus the newest minute's max_event_ts", () => {
    const newest = new Date(step + 20_000).toISOString();
    assert.equal(apiFreshnessSample(latest(newest), step + 27_500, step), 7500);
    assert.equal(apiFreshnessSample(latest(newest), step + 19_000, step), 0, "clock skew is no negative age");
  });

  it("gives nothing for events before the step, without max_event_ts, or for no data", () => {
    assert.equal(apiFreshnessSample(latest(new Date(step - 1).toISOString()), step + 5000, step), undefined);
    assert.equal(apiFreshnessSample(latest(null), step + 5000, step), undefined);
    assert.equal(apiFreshnessSample({ minute: null }, step + 5000, step), undefined);
    assert.equal(apiFreshnessSample("not a body", step + 5000, step), undefined);
  });
});
