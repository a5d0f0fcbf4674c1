import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { EcomError } from "@ecomstream/runtime";
import { defaultPipelineBench, parsePipelineBenchArgs } from "./pipeline-bench.js";

describe("bench pipeline options", () => {
  it("keeps the defaults and reads rates, step seconds, baseline records and --all-rates", () => {
    assert.deepEqual(parsePipelineBenchArgs([]), defaultPipelineBench);
    assert.equal(defaultPipelineBench.allRates, false);
    assert.deepEqual(
      parsePipelineBenchArgs(["--rates", "1000,5000", "--all-rates", "--step-seconds", "30"]),
      {
        ...defaultPipelineBench,
        rates: [1000, 5000],
        stepSeconds: 30,
        allRates: true,
      },
    );
  });

  it("refuses unknown options and non-positive numbers with a fix", () => {
    for (const args of [["--rates", "0"], ["--step-seconds", "x"], ["--fast"]])
      assert.throws(
        () => parsePipelineBenchArgs(args),
        (e: unknown) => e instanceof EcomError && /--all-rates|e\.g\./.test(e.fix ?? ""),
      );
  });
});
