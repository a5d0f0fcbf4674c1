import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { repoRoot } from "@ecomstream/runtime";
import {
  drivesBrowser,
  findTestFiles,
  isClusterTest,
  needsRuntime,
  runsAloneMarker,
  tapCounts,
  testGroups,
  testLanes,
} from "./test-files.js";

describe("test discovery", () => {
  it("finds this file and no file under node_modules", () => {
    const files = findTestFiles(repoRoot());
    assert.ok(files.includes("cli/src/commands/test-files.test.ts"));
    assert.ok(files.every((f) => !f.includes("node_modules") && f.endsWith(".test.ts")));
  });

  it("finds the integration tests of several services under tests/integration, and they need the runtime", () => {
    const integration = findTestFiles(repoRoot()).filter((f) => f.startsWith("tests/integration/"));
    assert.ok(
      integration.includes("tests/integration/lake-replay.integration.test.ts"),
      "lake replay is found",
    );
    assert.ok(integration.length >= 3 && integration.every(needsRuntime));
  });

  it("tells unit tests from tests that need the runtime", () => {
    assert.equal(needsRuntime("a/b.test.ts"), false);
    assert.equal(needsRuntime("a/b.integration.test.ts"), true);
    assert.equal(needsRuntime("tests/e2e/x.e2e.test.ts"), true);
    assert.equal(needsRuntime("tests/e2e/x.cluster.test.ts"), true);
  });

  it("keeps cluster-profile tests for ./ecom test --all", () => {
    assert.equal(isClusterTest("tests/e2e/pipeline-cluster.cluster.test.ts"), true);
    assert.equal(isClusterTest("tests/e2e/pipeline-s3.e2e.test.ts"), false);
    assert.ok(findTestFiles(repoRoot()).some(isClusterTest), "the cluster test is found");
  });

  it("tells which tests drive Chromium", () => {
    assert.equal(drivesBrowser("services/dashboard/src/topic-console.integration.test.ts"), true);
    assert.equal(drivesBrowser("services/dashboard/src/generated-types.test.ts"), false);
    assert.equal(drivesBrowser("tests/e2e/platform-browser.e2e.test.ts"), true);
    assert.equal(drivesBrowser("tests/integration/dashboard-browser.integration.test.ts"), true);
    assert.equal(drivesBrowser("tests/integration/lake-replay.integration.test.ts"), false);
    assert.equal(drivesBrowser("tests/e2e/pipeline.e2e.test.ts"), false);
  });

  it("reads the closing counts of a TAP stream, cancelled tests counting as failed", () => {
    const tap = [
      "TAP version 13",
      "ok 1 - a",
      "# tests 7",
      "# pass 5",
      "# fail 1",
      "# cancelled 1",
      "# skipped 0",
    ];
    assert.deepEqual(tapCounts(tap.join("\n")), { passed: 5, failed: 2 });
  });

  it("groups a run: unit and integration tests two at a time, end-to-end tests one at a time, then the ones that run alone", () => {
    const files = [
      "a/unit.test.ts",
      "b/other.test.ts",
      "c/x.integration.test.ts",
      "c/kills-kafka.integration.test.ts",
      "tests/e2e/p.e2e.test.ts",
      "tests/e2e/kills-spark.e2e.test.ts",
      "tests/e2e/c.cluster.test.ts",
    ];
    const groups = testGroups(files, 2, (f) => f.includes("kills"));
    assert.deepEqual(
      groups.map((g) => [g.name, g.concurrency, g.files]),
      [
        ["unit", 2, ["a/unit.test.ts", "b/other.test.ts"]],
        ["integration", 2, ["c/x.integration.test.ts"]],
        ["end-to-end", 1, ["tests/e2e/p.e2e.test.ts"]],
        [
          "alone",
          1,
          [
            "c/kills-kafka.integration.test.ts",
            "tests/e2e/kills-spark.e2e.test.ts",
            "tests/e2e/c.cluster.test.ts",
          ],
        ],
      ],
    );
    assert.deepEqual(
      testGroups(["a/unit.test.ts"], 1, () => false).map((g) => g.name),
      ["unit"],
      "empty groups are left out",
    );
  });

  it("finds the test files that say they run alone", () => {
    const root = repoRoot();
    const alone = findTestFiles(root).filter((f) =>
      readFileSync(join(root, f), "utf8").includes(runsAloneMarker),
    );
    assert.ok(
      alone.includes("tests/e2e/pipeline-restarts.e2e.test.ts"),
      "the test that kills the shared Spark server",
    );
  });

  it("reads ECOM_TEST_LANES: 2 when unset, a whole number >= 1, else a usage error with the fix", () => {
    assert.equal(testLanes(undefined), 2);
    assert.equal(testLanes("1"), 1);
    assert.equal(testLanes("3"), 3);
    for (const bad of ["0", "-1", "1.5", "two", ""]) assert.throws(() => testLanes(bad), /ECOM_TEST_LANES/);
  });
});
