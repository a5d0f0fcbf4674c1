import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { describeHealth } from "./node-service.js";

describe("a service's /health in one line", () => {
  it("names why a stage is degraded, and a failing loop's error once", () => {
    assert.equal(describeHealth({ healthy: true }), "up");
    const error = "[FAILED_READ_FILE] cannot read silver";
    assert.equal(
      describeHealth({
        healthy: true,
        degraded: true,
        loopError: error,
        degradedReasons: [`loop pass failed 3x in a row, retrying: ${error}`, "skipped 1 bad KPI row(s)"],
      }),
      `degraded: loop pass failed 3x in a row, retrying: ${error}; degraded: skipped 1 bad KPI row(s)`,
    );
    assert.equal(
      describeHealth({ healthy: false, loopError: error, queries: [{ name: "q", phase: "failed" }] }),
      `q failed; error: ${error}`,
    );
  });
});
