import assert from "node:assert/strict";
import { test } from "node:test";
import { processCpuMicros } from "./process-cpu.js";

test("a process's CPU time grows while it computes, and is unknown for a pid that does not exist", () => {
  const before = processCpuMicros(process.pid);
  assert.ok(before !== undefined && before >= 0);
  const until = Date.now() + 300;
  let x = 0;
  while (Date.now() < until) x += Math.sqrt(x + 1);
  const after = processCpuMicros(process.pid);
  assert.ok(
    after !== undefined && after - before >= 100_000,
    `${after} - ${before} µs after 300 ms of work (${x > 0})`,
  );
  assert.equal(processCpuMicros(2 ** 22 + 12345), undefined);
});
