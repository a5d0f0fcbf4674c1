import { join } from "node:path";
import { type EcomConfig, repoRoot, runningPid, startDaemon, stopDaemon } from "@ecomstream/runtime";
import type { Component } from "../components/component.js";
import { statePaths } from "../state.js";
import { ui } from "../ui.js";
import { addSupervised, readSupervised } from "./state.js";

/** Starts the supervisor daemon when something is to be supervised and none runs; its pid or undefined. */
export function startSupervisor(config: EcomConfig): number | undefined {
  const paths = statePaths(config);
  const running = runningPid(paths.pid("supervisor"));
  if (running !== undefined) return running;
  if ((readSupervised(config) ?? []).length === 0) return undefined;
  return startDaemon({
    name: "supervisor",
    command: process.execPath,
    args: ["--import", "tsx", join(repoRoot(), "cli", "src", "supervisor", "main.ts")],
    pidFile: paths.pid("supervisor"),
    logFile: paths.log("supervisor"),
    cwd: repoRoot(),
    env: process.env,
  });
}

/** Stops the supervisor (before `up` starts parts itself, and first thing in `down`). */
export function stopSupervisor(config: EcomConfig): Promise<boolean> {
  return stopDaemon(statePaths(config).pid("supervisor"), { graceMs: 10_000 });
}

/**
 * Runs `up`'s work with the supervisor stopped (so the two never start the same part), records the
 * embedded parts it started as supervised when it succeeds, and starts the supervisor again.
 */
export async function pausingSupervision(
  config: EcomConfig,
  work: () => Promise<Component[]>,
): Promise<Component[]> {
  await stopSupervisor(config);
  try {
    const components = await work();
    addSupervised(
      config,
      components.filter((c) => c.embedded).map((c) => c.name),
    );
    return components;
  } finally {
    const pid = startSupervisor(config);
    if (pid !== undefined) ui.step(`supervising: a crashed part is restarted (supervisor pid ${pid})`);
  }
}
