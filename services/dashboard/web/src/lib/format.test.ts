import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { formatAge, formatBytes } from "./format.js";

describe("formatBytes", () => {
  it("writes sizes in powers of 1000 with one decimal", () => {
    assert.equal(formatBytes(0), "0 B");
    assert.equal(formatBytes(999), "999 B");
    assert.equal(formatBytes(1000), "1.0 kB");
    assert.equal(formatBytes(1_536), "1.5 kB");
    assert.equal(formatBytes(999_960), "1.0 MB");
    assert.equal(formatBytes(12_345_678_901), "12.3 GB");
    assert.equal(formatBytes(null), "—");
    assert.equal(formatBytes(-1), "—");
  });
});

describe("formatAge", () => {
  it("writes seconds, minutes, hours and days", () => {
    assert.equal(formatAge(42), "42 s");
    assert.equal(formatAge(180), "3 min");
    assert.equal(formatAge(2 * 3600 + 5 * 60), "2 h 5 min");
    assert.equal(formatAge(3 * 86400 + 4 * 3600 + 600), "3 d 4 h");
    assert.equal(formatAge(null), "—");
  });
});
