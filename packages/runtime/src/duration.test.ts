import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { durationMs } from "./duration.js";

describe("durationMs", () => {
  it("converts config durations", () => {
    assert.equal(durationMs("1 minute"), 60_000);
    assert.equal(durationMs("5 seconds"), 5000);
    assert.equal(durationMs("500 milliseconds"), 500);
    assert.equal(durationMs("2 hours"), 7_200_000);
    assert.throws(() => durationMs("soon"), RangeError);
  });
});
