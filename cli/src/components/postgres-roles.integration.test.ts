import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { asRole, EcomError, loadConfig, repoRoot, roleDatabaseUrl, waitFor } from "@ecomstream/runtime";
import { freePort, type TempDatabase, tempDatabase } from "@ecomstream/testkit";
import pg from "pg";
import { applyRolePasswords } from "./postgres-roles.js";
import { scramVerifier } from "./scram-verifier.js";
import { serviceEnv } from "./service-env.js";

const runtime = loadConfig();

async function sessionUser(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ s: string }>("SELECT session_user AS s")).rows[0]?.s ?? "";
  } finally {
    await client.end();
  }
}

describe("database roles: ./ecom up's logins (Postgres)", () => {
  let db: TempDatabase;
  let api: ChildProcess | undefined;
  before(async () => {
    db = await tempDatabase("ecom_roles_test");
  });
  after(async () => {
    api?.kill("SIGTERM");
    await db?.drop();
  });

  it("leaves the roles' passwords as they are when the kept secrets log in", async () => {
    assert.deepEqual(await applyRolePasswords(runtime), []);
    assert.equal(await sessionUser(roleDatabaseUrl(runtime, "ecom_reader")), "ecom_reader");
    assert.equal(await sessionUser(roleDatabaseUrl(runtime, "ecom_writer")), "ecom_writer");
  });

  it("sets a password as its SCRAM verifier, with which the role logs in", async () => {
    const role = `ecom_scram_test_${process.pid}`;
    const secret = "Zx-9_generated-like-a-secret";
    const verifier = scramVerifier(secret);
    assert.match(verifier ?? "", /^SCRAM-SHA-256\$4096:/);
    await db.pool.query(`CREATE ROLE ${role} LOGIN PASSWORD '${verifier}'`);
    try {
      const stored = await db.pool.query("SELECT rolpassword FROM pg_authid WHERE rolname = $1", [role]);
      assert.equal(stored.rows[0]?.rolpassword, verifier, "stored as given, not hashed again");
      assert.equal(await sessionUser(asRole(db.url, role, secret)), role);
      await assert.rejects(sessionUser(asRole(db.url, role, `${secret}x`)), /password authentication failed/);
    } finally {
      await db.pool.query(`DROP ROLE ${role}`);
    }
  });

  it("refuses to replace another home's passwords on a shared Postgres, with the fix", async () => {
    const secrets = mkdtempSync(join(tmpdir(), "ecom-secrets-"));
    try {
      const other = loadConfig({
        ...process.env,
        ECOM_DATABASE_URL: runtime.postgres.url.replace("localhost", "127.0.0.1"),
        ECOM_SECRETS_DIR: secrets,
        ECOM_DATABASE_READER_URL: undefined,
        ECOM_DATABASE_WRITER_URL: undefined,
      });
      await assert.rejects(applyRolePasswords(other), (error: unknown) => {
        assert.ok(error instanceof EcomError);
        assert.match(
          error.message,
          /database role ecom_reader on 127\.0\.0\.1:\d+ has a password other than/,
        );
        assert.match(error.fix ?? "", /ECOM_SECRETS_DIR/);
        return true;
      });
      // the shared home's services still log in
      assert.equal(await sessionUser(roleDatabaseUrl(runtime, "ecom_reader")), "ecom_reader");
    } finally {
      rmSync(secrets, { recursive: true, force: true });
    }
  });

  it("the API process started with its service environment connects as ecom_reader", async () => {
    const port = await freePort();
    const config = loadConfig({
      ...process.env,
      ECOM_DATABASE_URL: db.url,
      ECOM_DATABASE_READER_URL: undefined,
      ECOM_DATABASE_WRITER_URL: undefined,
      ECOM_API_PORT: String(port),
    });
    const env = serviceEnv(config, "api");
    assert.equal(env.ECOM_DATABASE_URL, undefined);
    api = spawn(process.execPath, ["--import", "tsx", join(repoRoot(), "services/api/src/main.ts")], {
      cwd: repoRoot(),
      env: { ...env, ECOM_LOG_LEVEL: "warn" },
      stdio: "ignore",
    });
    const child = api;
    await waitFor(
      "api",
      async () =>
        (await fetch(`http://127.0.0.1:${port}/v1/kpis/latest`).catch(() => undefined))?.ok === true,
      { timeoutMs: 60_000, alive: () => child.exitCode === null },
    );
    const { rows } = await db.pool.query<{ usename: string }>(
      "SELECT DISTINCT usename FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()",
    );
    // every connection to the API's database but this one is the API's
    assert.deepEqual(
      rows.map((row) => row.usename),
      ["ecom_reader"],
    );
  });
});
