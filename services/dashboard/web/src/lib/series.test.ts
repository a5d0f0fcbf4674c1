import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { splitByFinality } from "./series.js";

describe("splitByFinality", () => {
  it("keeps gaps and joins the provisional run to the last final point", () => {
    const times = [0, 60, 120, 180, 240];
    const { final, provisional } = splitByFinality(times, [
      { t: 0, value: 1, final: true },
      { t: 120, value: 3, final: true },
      { t: 180, value: 4, final: false },
      { t: 240, value: 5, final: false },
    ]);
    assert.deepEqual(final, [1, null, 3, null, null]);
    assert.deepEqual(provisional, [null, null, 3, 4, 5]);
  });

  it("a provisional run after a gap starts on its own", () => {
    const { final, provisional } = splitByFinality([0, 60], [{ t: 60, value: 2, final: false }]);
    assert.deepEqual(final, [null, null]);
    assert.deepEqual(provisional, [null, 2]);
  });
});
