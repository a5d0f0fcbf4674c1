import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { repoRoot } from "@ecomstream/runtime";

/** Folders of the browser app: its sources and the built bundle (git-ignored, never committed). */
export const dashboardDir = () => join(repoRoot(), "services", "dashboard");
export const webDir = () => join(dashboardDir(), "web");
export const distDir = () => join(dashboardDir(), "dist");
const stampFile = () => join(distDir(), ".source-hash");

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" ? [] : files(path);
    return entry.name.endsWith(".test.ts") ? [] : [path];
  });
}

/** A digest of everything the bundle is built from: the web sources and the pinned dependencies. */
export function sourceHash(): string {
  const hash = createHash("sha256");
  const inputs = [
    ...files(webDir()),
    join(dashboardDir(), "package.json"),
    join(dashboardDir(), "src", "build.ts"),
  ];
  for (const path of inputs.sort()) {
    hash.update(relative(dashboardDir(), path)).update("\0").update(readFileSync(path)).update("\0");
  }
  return hash.digest("hex");
}

/** Why the bundle must be (re)built, or undefined when it is current. */
export function bundleStaleness(): string | undefined {
  if (!existsSync(join(distDir(), "index.html"))) return "the bundle is missing";
  const stamp = existsSync(stampFile()) ? readFileSync(stampFile(), "utf8").trim() : "";
  return stamp === sourceHash() ? undefined : "the sources changed since the last build";
}

export function writeStamp(): void {
  writeFileSync(stampFile(), `${sourceHash()}\n`);
}

export interface BundleSize {
  files: number;
  bytes: number;
  gzipBytes: number;
  /** The largest JavaScript file (the entry chunk). */
  largestJs: { file: string; bytes: number; gzipBytes: number };
}
