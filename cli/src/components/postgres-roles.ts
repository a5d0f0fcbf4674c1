import {
  type DatabaseRole,
  databaseRoles,
  type EcomConfig,
  EcomError,
  ensureRoleSecrets,
  errorCodes,
  givenRoleUrl,
  roleDatabaseUrl,
  roleSecretPath,
} from "@ecomstream/runtime";
import pg from "pg";
import { withPg } from "./postgres.js";
import { scramVerifier } from "./scram-verifier.js";

/** Whether `url` logs in. */
async function logsIn(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Gives the serving roles their logins, as the administrator after the migrations: each role's
 * password becomes its given or kept secret (generated on first start). On this home's embedded
 * Postgres that is always safe. On an external one another ecom home may have set the roles'
 * passwords already (roles belong to the whole server): a kept secret that does not log in then
 * replaces an existing password only when the user gave it; otherwise ecom stops with the fix
 * instead of locking that home's services out.
 */
export async function applyRolePasswords(config: EcomConfig): Promise<DatabaseRole[]> {
  ensureRoleSecrets(config);
  const changed: DatabaseRole[] = [];
  await withPg(config.postgres.url, async (admin) => {
    for (const role of databaseRoles) {
      const url = new URL(roleDatabaseUrl(config, role));
      const given = givenRoleUrl(config, role) !== undefined;
      // a given login of another name (a member of the role) keeps the password its owner chose
      if (decodeURIComponent(url.username) !== role) continue;
      if (await logsIn(url.href)) {
        // already right; LOGIN is implied by a successful login
        continue;
      }
      if (!config.postgres.embedded && !given) {
        const found = await admin
          .query<{ unset: boolean }>(
            "SELECT rolpassword IS NULL AS unset FROM pg_authid WHERE rolname = $1",
            [role],
          )
          .catch(() => undefined);
        if (found?.rows[0]?.unset !== true) {
          throw new EcomError(
            errorCodes.startup,
            `database role ${role} on ${url.host} has a password other than ${roleSecretPath(config, role)}`,
            {
              fix: `another ecom home set it: point ECOM_SECRETS_DIR at that home's secrets folder, or give ${role === "ecom_reader" ? "ECOM_DATABASE_READER_URL" : "ECOM_DATABASE_WRITER_URL"} (./ecom env there prints it)`,
            },
          );
        }
      }
      const secret = decodeURIComponent(url.password);
      const password = admin.escapeLiteral(scramVerifier(secret) ?? secret);
      await admin.query(`ALTER ROLE ${admin.escapeIdentifier(role)} WITH LOGIN PASSWORD ${password}`);
      changed.push(role);
    }
  });
  return changed;
}
