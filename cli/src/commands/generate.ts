import { spawn } from "node:child_process";
import { join } from "node:path";
import { configAsEnv, type EcomConfig, repoRoot } from "@ecomstream/runtime";

/** `./ecom generate …`: the generator in the foreground with the platform's settings (Ctrl-C stops cleanly). */
export function generateCommand(config: EcomConfig, args: string[]): Promise<number> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", join(repoRoot(), "services/generator/src/main.ts"), ...args],
    { stdio: "inherit", env: { ...process.env, ...Object.fromEntries(configAsEnv(config)) } },
  );
  process.on("SIGINT", () => undefined); // the generator flushes and writes its manifest on SIGINT
  return new Promise((resolve) => child.on("close", (code) => resolve(code ?? 1)));
}
