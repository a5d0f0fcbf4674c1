import { execFile, spawn } from "node:child_process";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const execFileAsync = promisify(execFile);

/** The schemathesis release the suite runs (PyPI); a new pin gets its own folder in the cache. */
export const schemathesisVersion = "4.32.5";

/** The API's schemathesis settings (what the OpenAPI document cannot say). */
export const schemathesisConfig = fileURLToPath(new URL("../schemathesis.toml", import.meta.url));

/**
 * Installs schemathesis into `<cache>/schemathesis-<version>` (a Python venv, from PyPI) unless it
 * is there already, and returns the path of its `st` command. Needs `python3` with `venv`
 * (`ECOM_PYTHON` names another). A marker file is written last, so an interrupted install is redone.
 */
export async function ensureSchemathesis(cache: string): Promise<string> {
  const home = join(cache, `schemathesis-${schemathesisVersion}`);
  const st = join(home, "bin", "st");
  const done = join(home, ".installed");
  if (existsSync(done)) return st;
  rmSync(home, { recursive: true, force: true });
  mkdirSync(cache, { recursive: true });
  const python = process.env.ECOM_PYTHON ?? "python3";
  try {
    await execFileAsync(python, ["-m", "venv", home]);
    await execFileAsync(
      join(home, "bin", "python"),
      [
        "-m",
        "pip",
        "install",
        "--quiet",
        "--disable-pip-version-check",
        `schemathesis==${schemathesisVersion}`,
      ],
      { maxBuffer: 16 * 1024 * 1024 },
    );
  } catch (error) {
    rmSync(home, { recursive: true, force: true });
    const reason =
      (error as { stderr?: string }).stderr?.trim().split("\n").at(-1) ?? (error as Error).message;
    throw new Error(
      `cannot install schemathesis ${schemathesisVersion} with ${python} -m venv and pip: ${reason}`,
      {
        cause: error,
      },
    );
  }
  writeFileSync(done, `${schemathesisVersion}\n`);
  return st;
}

/**
 * Runs `st` with `args` in the folder `cwd` (it keeps its state, `.schemathesis/`, in the working
 * folder); resolves with its exit code and everything it printed.
 */
export function runSchemathesis(
  st: string,
  args: string[],
  cwd: string,
): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(st, args, {
      cwd,
      env: { ...process.env, NO_COLOR: "1", SCHEMATHESIS_TELEMETRY: "false" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const chunks: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => chunks.push(chunk));
    child.on("close", (code) => resolve({ code: code ?? 1, output: Buffer.concat(chunks).toString("utf8") }));
    child.on("error", (error) => resolve({ code: 127, output: error.message }));
  });
}
