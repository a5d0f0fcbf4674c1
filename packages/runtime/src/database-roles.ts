import { randomBytes } from "node:crypto";
import { chmodSync, linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { EcomConfig } from "./config.js";
import { EcomError, errorCodes } from "./errors.js";

/**
 * The serving database's login roles (created by the migrations, given LOGIN and a password by
 * `./ecom up`): the API logs in as `ecom_reader`, the loader, lake-ops and the anomaly detector as
 * `ecom_writer`; only migrations use `ECOM_DATABASE_URL`'s administrator.
 */
export const databaseRoles = ["ecom_reader", "ecom_writer"] as const;
export type DatabaseRole = (typeof databaseRoles)[number];

const setting = (role: DatabaseRole) =>
  role === "ecom_reader" ? "ECOM_DATABASE_READER_URL" : "ECOM_DATABASE_WRITER_URL";

/** The role's login URL when the user gave one (ECOM_DATABASE_READER_URL / _WRITER_URL). */
export function givenRoleUrl(config: EcomConfig, role: DatabaseRole): string | undefined {
  return role === "ecom_reader" ? config.postgres.readerUrl : config.postgres.writerUrl;
}

/** Where the role's generated password is kept: `$ECOM_SECRETS_DIR/<role>` (mode 0600). */
export function roleSecretPath(config: EcomConfig, role: DatabaseRole): string {
  return join(config.postgres.secretsDir, role);
}

function readSecret(path: string): string | undefined {
  try {
    const secret = readFileSync(path, "utf8").trim();
    return secret === "" ? undefined : secret;
  } catch {
    return undefined;
  }
}

/** `url` (host, port, database, parameters) logged in as `role` with `password`. */
export function asRole(url: string, role: string, password: string): string {
  const parsed = new URL(url);
  parsed.username = encodeURIComponent(role);
  parsed.password = encodeURIComponent(password);
  return parsed.href;
}

/** `url` on another database of the same server. */
export function onDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.href;
}

/**
 * The URL a service of `role` connects with: the given setting, else ECOM_DATABASE_URL's server
 * and database as the role, with the password kept in the secrets folder.
 */
export function roleDatabaseUrl(config: EcomConfig, role: DatabaseRole): string {
  const given = givenRoleUrl(config, role);
  if (given !== undefined) return given;
  const path = roleSecretPath(config, role);
  const secret = readSecret(path);
  if (secret === undefined) {
    throw new EcomError(errorCodes.config, `the password of database role ${role} is missing (${path})`, {
      fix: `run ./ecom up (it generates it), or set ${setting(role)}`,
    });
  }
  return asRole(config.postgres.url, role, secret);
}

/**
 * Generates each role's password that is neither given nor kept yet (32 random bytes, base64url), in
 * a file only its owner reads. Safe when several processes start at once: the first file stays.
 */
export function ensureRoleSecrets(config: EcomConfig): void {
  mkdirSync(config.postgres.secretsDir, { recursive: true, mode: 0o700 });
  for (const role of databaseRoles) {
    const path = roleSecretPath(config, role);
    if (givenRoleUrl(config, role) !== undefined || readSecret(path) !== undefined) continue;
    const draft = `${path}.${process.pid}.tmp`;
    writeFileSync(draft, `${randomBytes(32).toString("base64url")}\n`, { mode: 0o600 });
    chmodSync(draft, 0o600);
    try {
      linkSync(draft, path); // atomic and exclusive: a concurrent start's file wins
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    } finally {
      rmSync(draft, { force: true });
    }
  }
}
