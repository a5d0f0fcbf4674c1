import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Throughput } from "./throughput.js";

describe("Throughput", () => {
  it("is the growth of the end offsets over the window", () => {
    const t = new Throughput(60_000);
    t.record("a", 100, 0);
    assert.equal(t.rate("a"), null);
    t.record("a", 300, 10_000);
    assert.equal(t.rate("a"), 20);
    t.record("a", 1300, 70_000);
    assert.equal(t.rate("a"), 1000 / 60, "the oldest sample left the window");
  });

  it("starts over when a topic is recreated", () => {
    const t = new Throughput();
    t.record("a", 500, 0);
    t.record("a", 10, 5000);
    assert.equal(t.rate("a"), null);
  });
});
