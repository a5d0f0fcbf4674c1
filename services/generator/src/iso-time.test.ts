import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isoTimestamp } from "./iso-time.js";

describe("isoTimestamp", () => {
  it("is toISOString for whole milliseconds, across minutes, days, years and the edges", () => {
    const samples = [
      0,
      59_999,
      60_000,
      Date.parse("2024-02-29T23:59:59.999Z"),
      Date.parse("2024-12-31T23:59:59.999Z"),
      Date.parse("2025-01-01T00:00:00.000Z"),
      Date.parse("9999-12-31T23:59:59.999Z"),
      -1,
      -86_400_001,
      253_402_300_800_000,
      1_700_000_000_000.5,
    ];
    let ms = Date.parse("2024-03-10T11:58:00.000Z");
    for (let i = 0; i < 50_000; i++) {
      samples.push(ms);
      ms += (i * 7919) % 3001;
    }
    for (const s of samples) assert.equal(isoTimestamp(s), new Date(s).toISOString(), String(s));
  });
});
