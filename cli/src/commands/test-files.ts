import { readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { EcomError, errorCodes } from "@ecomstream/runtime";

const roots = ["packages", "services", "cli", "tests"];
const skip = new Set(["node_modules", "dist", ".ecom", "proto"]);

/** Every `*.test.ts` below the workspace roots, sorted, relative to the checkout. */
export function findTestFiles(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    let entries: import("node:fs").Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (skip.has(entry.name)) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".test.ts")) found.push(relative(root, path));
    }
  };
  for (const top of roots) walk(join(root, top));
  return found.sort();
}

/** Cluster-profile tests (`*.cluster.test.ts`) run only with `./ecom test --all`: they start a cluster. */
export const isClusterTest = (file: string): boolean => file.endsWith(".cluster.test.ts");

/** Unit tests need nothing running; integration, end-to-end and cluster tests need the runtime. */
export const needsRuntime = (file: string): boolean =>
  file.endsWith(".integration.test.ts") || file.endsWith(".e2e.test.ts") || isClusterTest(file);

/** Tests that drive Chromium: the dashboard's runtime tests, and integration and end-to-end tests named `*browser*`. */
export const drivesBrowser = (file: string): boolean =>
  (file.startsWith("services/dashboard/") && needsRuntime(file)) ||
  /browser[^/]*\.(integration|e2e)\.test\.ts$/.test(file);

/**
 * A test file that stops or kills a part of the shared runtime says so with `@runs-alone` in its
 * text: no other test file runs beside it.
 */
export const runsAloneMarker = "@runs-alone";

export interface TestGroup {
  name: string;
  files: string[];
  /** Files of the group run at once. */
  concurrency: number;
}

/**
 * The groups a run goes through, one after another: unit tests and integration tests, each `lanes`
 * files at a time (integration tests share the runtime, each on a private home, topics, database
 * and ports), then end-to-end tests one at a time (each runs a whole platform on the two cores, and
 * several share the runtime's serving database), then the files that run alone (cluster tests,
 * `@runs-alone`).
 */
export function testGroups(
  files: readonly string[],
  lanes: number,
  runsAlone: (file: string) => boolean,
): TestGroup[] {
  const alone = files.filter((f) => isClusterTest(f) || runsAlone(f));
  const shared = files.filter((f) => !alone.includes(f));
  const endToEnd = (f: string) => f.endsWith(".e2e.test.ts");
  return [
    { name: "unit", files: shared.filter((f) => !needsRuntime(f)), concurrency: lanes },
    { name: "integration", files: shared.filter((f) => needsRuntime(f) && !endToEnd(f)), concurrency: lanes },
    { name: "end-to-end", files: shared.filter(endToEnd), concurrency: 1 },
    { name: "alone", files: alone, concurrency: 1 },
  ].filter((g) => g.files.length > 0);
}

/** Test files run at once (ECOM_TEST_LANES, default 2; 1 runs every file alone). */
export function testLanes(value: string | undefined): number {
  const lanes = Number(value ?? 2);
  if (!Number.isInteger(lanes) || lanes < 1)
    throw new EcomError(
      errorCodes.usage,
      `ECOM_TEST_LANES must be a whole number >= 1, not ${JSON.stringify(value)}`,
      {
        fix: "unset it, or e.g. ECOM_TEST_LANES=1 ./ecom test",
      },
    );
  return lanes;
}

/** Counts of a TAP stream's closing summary (`# pass N`, `# fail N`). */
export function tapCounts(tap: string): { passed: number; failed: number } {
  const count = (label: string) => Number(new RegExp(`^# ${label} (\\d+)$`, "m").exec(tap)?.[1] ?? 0);
  return { passed: count("pass"), failed: count("fail") + count("cancelled") };
}
