import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { keepPipelineRun } from "./profile-results.js";

const run = (profile: string, sustained: number) => ({
  profile,
  bareRowsPerSecond: 40_000,
  sustainedEventsPerSecond: sustained,
  provisionalP95At5kMs: 6_000,
  apiP95At5kMs: null,
});

describe("keepPipelineRun", () => {
  it("keeps each profile's last run and lists this one first, then the others", () => {
    const dir = mkdtempSync(join(tmpdir(), "ecom-bench-results-"));
    try {
      keepPipelineRun(run("default", 1), dir);
      keepPipelineRun(run("default", 2), dir);
      keepPipelineRun(run("s3", 3), dir);
      writeFileSync(join(dir, "pipeline-broken.json"), "{not json");
      const runs = keepPipelineRun(run("cluster", 4), dir);
      assert.deepEqual(
        runs.map((r) => [r.profile, r.sustainedEventsPerSecond]),
        [
          ["cluster", 4],
          ["default", 2],
          ["s3", 3],
        ],
      );
      assert.match(runs[0]?.at ?? "", /^\d{4}-\d\d-\d\dT/);
      assert.equal(runs[0]?.apiP95At5kMs, null);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
