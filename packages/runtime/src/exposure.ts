import { isLoopback } from "./bind-address.js";
import { type ConfigVariable, type EcomConfig, loadConfig } from "./config.js";
import { EcomError, errorCodes } from "./errors.js";

/**
 * The secrets an exposed platform must not keep at their published defaults, for the parts
 * `./ecom up` is about to start: the API's key, the embedded Postgres superuser's password (in
 * ECOM_DATABASE_URL) and the embedded MinIO's root secret. Empty while listeners bind loopback.
 */
export function defaultSecretsExposed(config: EcomConfig, starting: readonly string[]): ConfigVariable[] {
  if (isLoopback(config.bindAddress)) return [];
  const defaults = loadConfig({ ECOM_PROFILE: config.profile });
  const found: ConfigVariable[] = [];
  if (starting.includes("api") && config.api.key === defaults.api.key) found.push("ECOM_API_KEY");
  if (
    starting.includes("postgres") &&
    config.postgres.embedded &&
    new URL(config.postgres.url).password === new URL(defaults.postgres.url).password
  )
    found.push("ECOM_DATABASE_URL");
  if (
    starting.includes("minio") &&
    config.s3.enabled &&
    config.s3.embedded &&
    config.s3.secretKey === defaults.s3.secretKey
  )
    found.push("ECOM_S3_SECRET_KEY");
  return found;
}

/** Refuses, in one line with its fix, to expose parts that still use a published default secret. */
export function requireSafeExposure(config: EcomConfig, starting: readonly string[]): void {
  const found = defaultSecretsExposed(config, starting);
  if (found.length === 0) return;
  const how: Record<string, string> = {
    ECOM_API_KEY: "ECOM_API_KEY=<secret>",
    ECOM_DATABASE_URL: `ECOM_DATABASE_URL=postgres://ecom:<secret>@localhost:${config.postgres.port}/ecom`,
    ECOM_S3_SECRET_KEY: "ECOM_S3_SECRET_KEY=<secret>",
  };
  throw new EcomError(
    errorCodes.config,
    `ECOM_BIND_ADDRESS=${config.bindAddress} exposes the platform beyond this machine, but ${found.join(", ")} still hold the published default`,
    {
      fix: `set ${found.map((name) => how[name]).join(" ")} (e.g. <secret> from openssl rand -hex 24), or unset ECOM_BIND_ADDRESS to stay on 127.0.0.1`,
    },
  );
}
