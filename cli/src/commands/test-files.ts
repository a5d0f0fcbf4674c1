import { readdirSync } from "node:fs";
import { join, relative } from "node:path";

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

/** Counts of a TAP stream's closing summary (`# pass N`, `# fail N`). */
export function tapCounts(tap: string): { passed: number; failed: number } {
  const count = (label: string) => Number(new RegExp(`^# ${label} (\\d+)$`, "m").exec(tap)?.[1] ?? 0);
  return { passed: count("pass"), failed: count("fail") + count("cancelled") };
}
