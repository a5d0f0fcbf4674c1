import { type EcomConfig, runningPid } from "@ecomstream/runtime";
import { platform } from "../platform.js";
import { statePaths } from "../state.js";
import { readRestarts, readSupervised } from "../supervisor/state.js";
import { ui } from "../ui.js";
import { printComponents } from "./up.js";

/** Probes every component for real, with the supervisor's restarts; non-zero exit when any is down. */
export async function statusCommand(config: EcomConfig): Promise<number> {
  const healthy = await printComponents(platform(config), readRestarts(config));
  const supervisor = runningPid(statePaths(config).pid("supervisor"));
  const supervised = readSupervised(config) ?? [];
  ui.out(
    supervisor === undefined
      ? `supervisor: not running${supervised.length > 0 ? " (./ecom up starts it)" : ""}`
      : `supervisor: running (pid ${supervisor}), restarts ${supervised.join(", ")} when they crash`,
  );
  return healthy ? 0 : 1;
}
