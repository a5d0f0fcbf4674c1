import { spawn } from "node:child_process";
import { join } from "node:path";
import { repoRoot } from "@ecomstream/runtime";

export interface EcomRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the CLI as a user would (without the shim's npm check), with extra environment; a variable
 * given as undefined is removed.
 */
export function runEcom(
  args: string[],
  env: Record<string, string | undefined> = {},
  timeoutMs = 240_000,
): Promise<EcomRun> {
  const root = repoRoot();
  const merged: NodeJS.ProcessEnv = { ...process.env };
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) delete merged[name];
    else merged[name] = value;
  }
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", join(root, "cli/src/main.ts"), ...args], {
      cwd: root,
      env: merged,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`ecom ${args.join(" ")} timed out; stderr: ${stderr}`));
    }, timeoutMs);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? 1, stdout, stderr });
    });
  });
}
