export { type ConfigVariable, configAsEnv, configVariables, type EcomConfig, loadConfig } from "./config.js";
export { ConfigError, describeError, EcomError, type ErrorCode, errorCodes } from "./errors.js";
export { createLogger, type Logger } from "./logger.js";
export { repoRoot } from "./paths.js";
