import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { KeyAttempts } from "./key-attempts.js";

describe("KeyAttempts", () => {
  it("blocks a client at the max-th wrong key until the oldest leaves the window", () => {
    let now = 1_000_000;
    const attempts = new KeyAttempts({ max: 3, windowMs: 60_000 }, () => now);
    for (let i = 0; i < 2; i++) {
      attempts.fail("a");
      now += 10_000;
    }
    assert.equal(attempts.blockedFor("a"), 0, "two wrong keys: not blocked");
    attempts.fail("a");
    assert.equal(attempts.blockedFor("a"), 40_000, "blocked until the first leaves the window");
    assert.equal(attempts.blockedFor("b"), 0, "other clients are not blocked");
    now += 40_000;
    assert.equal(attempts.blockedFor("a"), 0, "the first left the window");
    attempts.fail("a");
    assert.equal(attempts.blockedFor("a"), 10_000);
  });
});
