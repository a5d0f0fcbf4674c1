import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { runEcom } from "@ecomstream/testkit";

describe("./ecom down --purge and the database roles' passwords", () => {
  const homes: string[] = [];
  after(() => {
    for (const home of homes) rmSync(home, { recursive: true, force: true });
  });

  /** A stopped home holding data and kept role passwords, purged with `env`. */
  async function purge(env: Record<string, string | undefined>): Promise<string> {
    const home = mkdtempSync(join(tmpdir(), "ecom-purge-"));
    homes.push(home);
    for (const dir of ["lake", "secrets"]) mkdirSync(join(home, dir));
    writeFileSync(join(home, "secrets", "ecom_reader"), "kept\n", { mode: 0o600 });
    const result = await runEcom(["down", "--purge"], {
      ECOM_HOME: home,
      ECOM_CACHE: join(home, "cache"),
      ECOM_SECRETS_DIR: undefined,
      ...env,
    });
    assert.equal(result.code, 0, result.stderr);
    assert.ok(!existsSync(join(home, "lake")), "data is purged");
    return home;
  }

  it("keeps them for an external Postgres, whose roles keep those passwords", async () => {
    const home = await purge({ ECOM_DATABASE_URL: "postgres://ecom:ecom@db.invalid:5432/ecom" });
    assert.ok(existsSync(join(home, "secrets", "ecom_reader")));
  });

  it("purges them with the embedded Postgres they belong to", async () => {
    const home = await purge({ ECOM_DATABASE_URL: undefined });
    assert.ok(!existsSync(join(home, "secrets")));
  });
});
