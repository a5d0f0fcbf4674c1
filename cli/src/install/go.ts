import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from "node:fs";
import { basename, join } from "node:path";
import { EcomError, errorCodes } from "@ecomstream/runtime";
import { ui } from "../ui.js";

/** `go1.26.8` -> [1, 26]; undefined when the text names no Go version. */
export function parseGoVersion(text: string): [number, number] | undefined {
  const match = /\bgo(\d+)\.(\d+)/.exec(text);
  return match ? [Number(match[1]), Number(match[2])] : undefined;
}

/** Fails with a one-line fix unless `go` is on the PATH at `minimum` or newer. */
export function requireGo(minimum: [number, number], forWhat: string): void {
  const result = spawnSync("go", ["version"], { encoding: "utf8" });
  const found = result.status === 0 ? parseGoVersion(result.stdout) : undefined;
  const need = `Go >= ${minimum.join(".")}`;
  if (!found) {
    throw new EcomError(errorCodes.dependency, `Go is missing (${forWhat} is built from source with it)`, {
      fix: `install ${need} (https://go.dev/dl; distribution packages are often older) and re-run`,
    });
  }
  if (found[0] < minimum[0] || (found[0] === minimum[0] && found[1] < minimum[1])) {
    throw new EcomError(
      errorCodes.dependency,
      `Go ${found.join(".")} is too old to build ${forWhat} (needs ${need})`,
      { fix: `install ${need} and re-run (go version shows the one on the PATH)` },
    );
  }
}

export interface GoTool {
  /** Module path of the command, e.g. github.com/minio/minio. */
  module: string;
  /** Exact module version (a pseudo-version for modules without semver tags). */
  version: string;
  minimumGo: [number, number];
  label: string;
}

/** Where `goInstall` keeps a tool: one folder per module version under the download cache. */
export function goToolPath(cache: string, tool: GoTool): string {
  const name = basename(tool.module);
  return join(cache, name, tool.version, name);
}

/**
 * Builds a Go command from source once with `go install module@version` into the download cache
 * and returns its path; a cached binary costs nothing. The build goes to a temporary folder and
 * is moved into place at the end, so an interrupted build is never mistaken for a finished one.
 */
export async function goInstall(cache: string, tool: GoTool): Promise<string> {
  const target = goToolPath(cache, tool);
  if (existsSync(target)) return target;
  requireGo(tool.minimumGo, tool.label);
  const folder = join(target, "..");
  mkdirSync(folder, { recursive: true });
  const staging = mkdtempSync(join(folder, ".build-"));
  ui.step(`building ${tool.label} from source (go install ${tool.module}@${tool.version}, once)…`);
  const started = Date.now();
  const output: string[] = [];
  const code = await new Promise<number>((resolve) => {
    const child = spawn("go", ["install", `${tool.module}@${tool.version}`], {
      env: { ...process.env, GOBIN: staging, GOFLAGS: `${process.env.GOFLAGS ?? ""} -buildvcs=false`.trim() },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const timer = setInterval(() => ui.wait(tool.label, Date.now() - started), 15_000);
    const keep = (chunk: Buffer) => {
      output.push(chunk.toString());
      if (output.length > 100) output.shift();
    };
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    child.on("close", (status) => {
      clearInterval(timer);
      resolve(status ?? 1);
    });
    child.on("error", () => resolve(127));
  });
  const built = join(staging, basename(tool.module));
  if (code !== 0 || !existsSync(built)) {
    rmSync(staging, { recursive: true, force: true });
    const tail = output.join("").trim().split("\n").slice(-3).join(" | ");
    throw new EcomError(
      errorCodes.dependency,
      `go install of ${tool.label} failed: ${tail || `exit ${code}`}`,
      {
        fix: "check that the Go module proxy is reachable (go env GOPROXY) and re-run",
      },
    );
  }
  renameSync(built, target);
  rmSync(staging, { recursive: true, force: true });
  ui.step(`built ${tool.label} in ${Math.round((Date.now() - started) / 1000)} s (cached at ${target})`);
  return target;
}
