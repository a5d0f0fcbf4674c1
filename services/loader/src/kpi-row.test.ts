import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { InvalidKpiRowError } from "./errors.js";
import { kpiRowFromJson, newestPerWindow } from "./kpi-row.js";
import { kpiObject } from "./loader.fixture.js";

const at = Date.UTC(2026, 2, 3, 12, 0);
const json = (changes: Record<string, unknown> = {}) => {
  const row = kpiObject({ minuteMs: at, events: 5, purchases: 1, isFinal: false, updatedAtMs: at + 5000 });
  const iso = (ms: unknown) => new Date(Number(ms)).toISOString();
  return JSON.stringify({
    ...row,
    window_start: iso(row.window_start),
    window_end: iso(row.window_end),
    updated_at: iso(row.updated_at),
    ...changes,
  });
};

describe("kpi_minute rows from the provisional stream", () => {
  it("parses the gold writer's JSON", () => {
    const row = kpiRowFromJson(json());
    assert.equal(row.values.window_start, at);
    assert.equal(row.values.window_end, at + 60_000);
    assert.equal(row.values.events, 5);
    assert.equal(row.values.aov_usd, 12.5);
    assert.equal(row.isFinal, false);
    assert.equal(row.updatedAtMs, at + 5000);
    assert.equal(row.maxEventTsMs, null, "a record without max_event_ts is still a row");
    assert.equal(kpiRowFromJson(json({ max_event_ts: null })).maxEventTsMs, null);
    const withNewest = kpiRowFromJson(json({ max_event_ts: new Date(at + 41_250).toISOString() }));
    assert.equal(withNewest.maxEventTsMs, at + 41_250);
  });

  it("refuses what is not a kpi_minute row, naming the problem", () => {
    const cases: Array<[string, RegExp]> = [
      ["not json", /value is not JSON/],
      ["[1]", /not a JSON object/],
      [json({ events: undefined }), /events is missing/],
      [json({ events: "5" }), /events is not a number/],
      [json({ events: 1.5 }), /events is not a count/],
      [json({ purchases: -1 }), /purchases is not a count/],
      [json({ unique_users: 1e19 }), /unique_users is not a count/],
      [json().replace(/"revenue_usd":[^,]*/, '"revenue_usd":1e400'), /revenue_usd is not a number/],
      [json({ revenue_usd: null }), /revenue_usd is missing/],
      [json({ window_start: "yesterday" }), /window_start is not a timestamp/],
      [json({ is_final: "no" }), /is_final is not a boolean/],
      [json({ max_event_ts: "soon" }), /max_event_ts is not a timestamp/],
      [json({ window_end: new Date(at).toISOString() }), /window_end is not after window_start/],
    ];
    for (const [text, message] of cases)
      assert.throws(
        () => kpiRowFromJson(text),
        (e: unknown) => e instanceof InvalidKpiRowError && message.test(e.message),
      );
  });

  it("a nullable ratio may be null; one upsert keeps the newest row per minute, final winning a tie", () => {
    assert.equal(kpiRowFromJson(json({ aov_usd: null })).values.aov_usd, null);
    const older = kpiRowFromJson(json({ events: 1 }));
    const newer = kpiRowFromJson(json({ events: 2, updated_at: new Date(at + 9000).toISOString() }));
    const final = kpiRowFromJson(
      json({ events: 3, updated_at: new Date(at + 9000).toISOString(), is_final: true }),
    );
    assert.deepEqual(
      newestPerWindow([newer, older, final]).map((r) => r.values.events),
      [3],
    );
    assert.deepEqual(
      newestPerWindow([older, newer]).map((r) => r.values.events),
      [2],
    );
  });
});
