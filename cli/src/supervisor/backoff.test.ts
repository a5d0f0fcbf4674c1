import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { backoff, nextAttempt, restartDelayMs } from "./backoff.js";

describe("restart backoff", () => {
  it("doubles from one second and stops at thirty", () => {
    assert.deepEqual(
      [0, 1, 2, 3, 4, 5, 6, 20].map(restartDelayMs),
      [1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000],
    );
  });

  it("starts a new streak once the part ran stably, and grows while it keeps crashing", () => {
    const now = 1_000_000;
    assert.equal(nextAttempt(4, undefined, now), 0);
    assert.equal(nextAttempt(4, now - backoff.stableMs, now), 0);
    assert.equal(nextAttempt(4, now - 5000, now), 5);
  });
});
