import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { stackValues } from "./stack.js";

describe("stackValues", () => {
  it("sums bottom first, a lone null as zero, a time without any value a gap", () => {
    assert.deepEqual(
      stackValues([
        [1, 2, null, null],
        [10, null, 5, null],
        [100, 200, 300, null],
      ]),
      [
        [1, 2, 0, null],
        [11, 2, 5, null],
        [111, 202, 305, null],
      ],
    );
  });
});
