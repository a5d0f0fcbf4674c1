export { everyInterface, isLoopback, loopbackAddress } from "./bind-address.js";
export {
  type ConfigVariable,
  configVariables,
  type EcomConfig,
  loadConfig,
  type Profile,
  platformSettings,
  profiles,
} from "./config.js";
export { configAsEnv } from "./config-env.js";
export * as parsers from "./config-parsers.js";
export {
  derived,
  type Entry as SettingsEntry,
  envOfSettings,
  Invalid,
  loadSettings,
  type NameOf,
  optional,
  type Parser,
  readSettings,
  type SettingsOf,
  settingsAsEnv,
  settingsMarkdown,
  variable,
} from "./config-spec.js";
export {
  asRole,
  type DatabaseRole,
  databaseRoles,
  ensureRoleSecrets,
  givenRoleUrl,
  onDatabase,
  roleDatabaseUrl,
  roleSecretPath,
} from "./database-roles.js";
export { durationMs } from "./duration.js";
export { ConfigError, describeError, EcomError, type ErrorCode, errorCodes } from "./errors.js";
export { defaultSecretsExposed, requireSafeExposure } from "./exposure.js";
export { createLogger, type Logger } from "./logger.js";
export { knownMigrations, migrateUp, migrationsDir, pendingMigrations } from "./migrations.js";
export { canConnect, isPortFree, parseHostPort, waitFor } from "./net.js";
export { repoRoot } from "./paths.js";
export { type DaemonSpec, isAlive, readPid, runningPid, startDaemon, stopDaemon } from "./process.js";
export { createServingPool, inTransaction } from "./serving-pool.js";
