import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { stageLight } from "./lights.js";

const ok = { source: "table", healthy: true, lag_records: 10, freshness_seconds: 5 } as const;

describe("stageLight", () => {
  it("is green when healthy, fresh and caught up", () => {
    assert.equal(stageLight(ok).light, "green");
  });
  it("is red when down, unhealthy, stale or far behind", () => {
    assert.equal(stageLight({ ...ok, source: "none" }).light, "red");
    assert.equal(stageLight({ ...ok, healthy: false }).light, "red");
    assert.equal(stageLight({ ...ok, freshness_seconds: 601 }).light, "red");
    assert.equal(stageLight({ ...ok, lag_records: 2_000_000 }).light, "red");
  });
  it("is amber when behind or when its figures are unknown", () => {
    assert.equal(stageLight({ ...ok, freshness_seconds: 121 }).light, "amber");
    assert.equal(stageLight({ ...ok, lag_records: 60_000 }).light, "amber");
    assert.equal(stageLight({ ...ok, healthy: null }).light, "amber");
    assert.equal(stageLight({ ...ok, lag_records: null, freshness_seconds: null }).light, "amber");
  });
});
