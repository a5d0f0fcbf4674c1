import { type ConfigVariable, type EcomConfig, platformSettings } from "./config.js";
import { settingsAsEnv } from "./config-spec.js";

/**
 * The effective settings as variables, for `export NAME='value'` lines (`eval "$(./ecom env)"`) and
 * the environment of what ecom starts. The roles' logins only when given: a generated secret stays
 * in its file (`./ecom env` prints it).
 */
export function configAsEnv(config: EcomConfig): Array<[ConfigVariable, string]> {
  return settingsAsEnv(platformSettings, config);
}
