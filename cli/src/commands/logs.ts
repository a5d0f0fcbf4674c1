import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { type EcomConfig, EcomError, errorCodes } from "@ecomstream/runtime";
import { platform } from "../platform.js";
import { statePaths } from "../state.js";

/** Shows a component's log (`-f` follows it). */
export async function logsCommand(
  config: EcomConfig,
  name: string | undefined,
  follow: boolean,
): Promise<number> {
  const names = [...platform(config).map((c) => c.name), "supervisor"];
  if (!name || !names.includes(name)) {
    throw new EcomError(errorCodes.usage, `logs needs a component: ${names.join(", ")}`, {
      fix: `run ./ecom logs ${names[0]} (add -f to follow)`,
    });
  }
  const file = statePaths(config).log(name);
  if (!existsSync(file)) {
    throw new EcomError(errorCodes.usage, `${name} has no log yet (${file})`, {
      fix: "start it with ./ecom up",
    });
  }
  const child = spawn("tail", [follow ? "-F" : "-n200", file], { stdio: "inherit" });
  return new Promise((resolve) => child.on("close", (code) => resolve(code ?? 0)));
}
