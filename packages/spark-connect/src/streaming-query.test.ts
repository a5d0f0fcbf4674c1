import assert from "node:assert/strict";
import { test } from "node:test";
import { parseProgress } from "./streaming-query.js";

test("derives query-wide input totals from the sources when the JSON leaves them out", () => {
  const progress = parseProgress(
    JSON.stringify({
      id: "q",
      batchId: 3,
      sources: [
        { description: "a", numInputRows: 5, inputRowsPerSecond: 1.5, processedRowsPerSecond: 2 },
        { description: "b", numInputRows: 7, inputRowsPerSecond: 0.5, processedRowsPerSecond: 1 },
      ],
      sink: { description: "s" },
    }),
  );
  assert.equal(progress.numInputRows, 12);
  assert.equal(progress.inputRowsPerSecond, 2);
  assert.equal(progress.processedRowsPerSecond, 3);
  assert.equal(progress.batchId, 3);
});

test("keeps totals the server did send", () => {
  const progress = parseProgress(JSON.stringify({ numInputRows: 4, sources: [{ numInputRows: 9 }] }));
  assert.equal(progress.numInputRows, 4);
  assert.equal(parseProgress(JSON.stringify({})).numInputRows, 0);
});
