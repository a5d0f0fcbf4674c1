import type { EcomConfig } from "@ecomstream/runtime";
import { platform } from "../platform.js";
import { printComponents } from "./up.js";

/** Probes every component for real; non-zero exit when any is down. */
export async function statusCommand(config: EcomConfig): Promise<number> {
  return (await printComponents(platform(config))) ? 0 : 1;
}
