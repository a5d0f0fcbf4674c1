import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { maxRangeSeconds, resolveHourRange, resolveRange, stepSeconds } from "./range.js";
import { steps } from "./schemas/common.js";

const now = new Date("2026-03-01T10:17:30Z");

describe("resolveRange", () => {
  it("defaults to the hour before now at 1m, to ceiled to the minute", () => {
    const range = resolveRange({}, now);
    assert.equal(range.step, "1m");
    assert.equal(range.from.toISOString(), "2026-03-01T09:17:00.000Z");
    assert.equal(range.to.toISOString(), "2026-03-01T10:18:00.000Z");
  });

  it("floors from and ceils to the step, aligned to the epoch", () => {
    const range = resolveRange(
      { from: "2026-03-01T10:07:00Z", to: "2026-03-01T10:31:00Z", step: "15m" },
      now,
    );
    assert.equal(range.from.toISOString(), "2026-03-01T10:00:00.000Z");
    assert.equal(range.to.toISOString(), "2026-03-01T10:45:00.000Z");
    assert.equal(range.stepSeconds, 900);
  });

  it("refuses inverted and empty ranges and instants out of 1970..9999", () => {
    for (const query of [
      { from: "2026-03-01T11:00:00Z", to: "2026-03-01T10:00:00Z" },
      { from: "2026-03-01T10:00:00Z", to: "2026-03-01T10:00:00Z" },
      { from: "1969-12-31T23:00:00Z", to: "1970-01-01T01:00:00Z" },
    ]) {
      assert.throws(() => resolveRange(query, now), { code: "API_ERR_RANGE", statusCode: 400 });
    }
  });

  it("accepts exactly the widest range of each step and refuses one step more", () => {
    for (const step of steps) {
      const from = new Date("2026-01-01T00:00:00Z");
      const to = new Date(from.getTime() + maxRangeSeconds[step] * 1000);
      assert.doesNotThrow(() => resolveRange({ from: from.toISOString(), to: to.toISOString(), step }, now));
      const wider = new Date(to.getTime() + stepSeconds[step] * 1000);
      assert.throws(() => resolveRange({ from: from.toISOString(), to: wider.toISOString(), step }, now), {
        code: "API_ERR_RANGE",
      });
    }
  });
});

describe("resolveHourRange", () => {
  it("defaults to the 24 hours before now, whole hours", () => {
    const range = resolveHourRange({}, now);
    assert.equal(range.from.toISOString(), "2026-02-28T10:00:00.000Z");
    assert.equal(range.to.toISOString(), "2026-03-01T11:00:00.000Z");
    assert.equal(range.step, "1h");
  });

  it("counts the default from a given to; floors from and ceils to the hour", () => {
    assert.equal(
      resolveHourRange({ to: "2026-02-10T05:00:00Z" }, now).from.toISOString(),
      "2026-02-09T05:00:00.000Z",
    );
    const range = resolveHourRange({ from: "2026-02-10T05:59:59Z", to: "2026-02-10T06:00:01Z" }, now);
    assert.equal(range.from.toISOString(), "2026-02-10T05:00:00.000Z");
    assert.equal(range.to.toISOString(), "2026-02-10T07:00:00.000Z");
  });

  it("refuses an inverted or a too-wide range, and a bad instant", () => {
    for (const query of [
      { from: "2026-03-01T11:00:00Z", to: "2026-03-01T10:00:00Z" },
      { from: "2026-01-01T00:00:00Z", to: "2026-03-01T00:00:00Z" },
      { from: "2026-01-01T00:00:00Z" },
      { to: "1969-12-31T00:00:00Z" },
    ]) {
      assert.throws(() => resolveHourRange(query, now), { code: "API_ERR_RANGE", statusCode: 400 });
    }
  });
});
