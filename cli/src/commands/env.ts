import { configAsEnv, type EcomConfig } from "@ecomstream/runtime";
import { ui } from "../ui.js";

const quote = (value: string) => `'${value.replace(/'/g, "'\\''")}'`;

/** Prints the effective settings as shell export lines: eval "$(./ecom env)". */
export function envCommand(config: EcomConfig): number {
  for (const [name, value] of configAsEnv(config)) ui.out(`export ${name}=${quote(value)}`);
  return 0;
}
