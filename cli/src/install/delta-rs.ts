import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from "node:fs";
import { basename, join } from "node:path";
import { promisify } from "node:util";
import { EcomError, errorCodes } from "@ecomstream/runtime";
import { ui } from "../ui.js";

const execFileAsync = promisify(execFile);

/**
 * delta-rs's Python package (`deltalake`, PyPI), a Delta reader no one here wrote: the outside-reader
 * test checks it reads exactly what our Spark committed. pyarrow is pinned beside it (its reads
 * return Arrow tables).
 */
export const deltaRsPackages = { deltalake: "1.6.6", pyarrow: "26.0.1" } as const;

/** Where the packages are installed (`pip --target`): one folder per pinned set under the download cache. */
export function deltaRsPath(cache: string): string {
  return join(
    cache,
    "deltalake",
    `deltalake-${deltaRsPackages.deltalake}-pyarrow-${deltaRsPackages.pyarrow}`,
  );
}

/** Test files that read the lake with delta-rs: `./ecom test` installs it before running them. */
export const readsWithDeltaRs = (file: string): boolean => basename(file).includes("delta-rs");

const pythonFix =
  "install Python >= 3.10 with pip (Debian: apt-get install -y python3 python3-pip), or set ECOM_PYTHON to such a python";

/** The Python that runs delta-rs: $ECOM_PYTHON, else python3 on the PATH. */
export const pythonPath = (): string => process.env.ECOM_PYTHON ?? "python3";

/** Fails with the fix unless the Python has pip and is >= 3.10 (delta-rs's wheels are cp310-abi3). */
async function requirePip(): Promise<void> {
  let version: string;
  try {
    await execFileAsync(pythonPath(), ["-m", "pip", "--version"]);
    version = (await execFileAsync(pythonPath(), ["-c", "import sys; print('%d.%d' % sys.version_info[:2])"]))
      .stdout;
  } catch (error) {
    const reason = ((error as Error).message.split("\n")[0] ?? "").trim();
    throw new EcomError(
      errorCodes.dependency,
      `no Python with pip for delta-rs (${pythonPath()}: ${reason})`,
      {
        fix: pythonFix,
      },
    );
  }
  const [major, minor] = version.trim().split(".").map(Number);
  if ((major ?? 0) < 3 || (major === 3 && (minor ?? 0) < 10))
    throw new EcomError(
      errorCodes.dependency,
      `Python ${version.trim()} is too old for delta-rs (needs >= 3.10)`,
      {
        fix: pythonFix,
      },
    );
}

/**
 * Installs the pinned `deltalake` and `pyarrow` wheels from PyPI once with `pip install --target`
 * into the download cache and returns the folder (for PYTHONPATH); a cached install costs nothing.
 * The install goes to a temporary folder moved into place at the end, so an interrupted one is never
 * taken for a finished one. Any failure is an error with its fix, never a skipped test.
 */
export async function ensureDeltaRs(cache: string): Promise<string> {
  const target = deltaRsPath(cache);
  if (existsSync(target)) return target;
  await requirePip();
  const folder = join(target, "..");
  mkdirSync(folder, { recursive: true });
  const staging = mkdtempSync(join(folder, ".install-"));
  const wanted = Object.entries(deltaRsPackages).map(([name, version]) => `${name}==${version}`);
  ui.step(`installing delta-rs for the outside-reader test (pip install ${wanted.join(" ")}, once)…`);
  try {
    await execFileAsync(
      pythonPath(),
      [
        "-m",
        "pip",
        "install",
        "--no-input",
        "--disable-pip-version-check",
        "--only-binary=:all:",
        "--target",
        staging,
        ...wanted,
      ],
      { maxBuffer: 64 * 1024 * 1024, timeout: 900_000 },
    );
    renameSync(staging, target);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    const output = `${(error as { stderr?: string }).stderr ?? ""}`.trim().split("\n").at(-1) ?? "";
    throw new EcomError(
      errorCodes.dependency,
      `could not install delta-rs: ${output || (error as Error).message}`,
      {
        fix: `check that PyPI is reachable (pip install ${wanted.join(" ")}), then re-run`,
      },
    );
  }
  return target;
}

/** Runs a Python script with delta-rs importable; its standard output. */
export async function runWithDeltaRs(
  cache: string,
  script: string,
  args: readonly string[] = [],
): Promise<string> {
  const path = await ensureDeltaRs(cache);
  const { stdout } = await execFileAsync(pythonPath(), ["-c", script, ...args], {
    env: { ...process.env, PYTHONPATH: path, PYTHONNOUSERSITE: "1" },
    maxBuffer: 64 * 1024 * 1024,
  });
  return stdout;
}
