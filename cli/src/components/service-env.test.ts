import assert from "node:assert/strict";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { ensureRoleSecrets, loadConfig, roleDatabaseUrl } from "@ecomstream/runtime";
import { serviceEnv } from "./service-env.js";

describe("each service's database login", () => {
  const home = mkdtempSync(join(tmpdir(), "ecom-service-env-"));
  after(() => rmSync(home, { recursive: true, force: true }));
  const admin = "postgres://admin:admin-secret@db.example:5432/shop";
  const config = loadConfig({ ECOM_HOME: home, ECOM_DATABASE_URL: admin });
  ensureRoleSecrets(config);
  const base = { PATH: "/usr/bin", ECOM_DATABASE_URL: admin, ECOM_DATABASE_WRITER_URL: "postgres://x:y@h/d" };
  const reader = new URL(roleDatabaseUrl(config, "ecom_reader"));
  const writer = new URL(roleDatabaseUrl(config, "ecom_writer"));

  it("generates one password per role, readable by its owner only", () => {
    assert.equal(reader.username, "ecom_reader");
    assert.equal(writer.username, "ecom_writer");
    assert.match(reader.password, /^[\w-]{43}$/);
    assert.notEqual(reader.password, writer.password);
    assert.equal(statSync(join(home, "secrets", "ecom_reader")).mode & 0o777, 0o600);
    ensureRoleSecrets(config);
    assert.equal(roleDatabaseUrl(config, "ecom_reader"), reader.href, "kept, not regenerated");
  });

  it("gives the API the reader's login and nothing of the administrator's or the writer's", () => {
    const env = serviceEnv(config, "api", base);
    assert.equal(env.ECOM_DATABASE_READER_URL, reader.href);
    assert.equal(new URL(env.ECOM_DATABASE_READER_URL ?? "").host, "db.example:5432");
    const all = Object.values(env).join("\n");
    for (const secret of ["admin-secret", writer.password]) assert.ok(!all.includes(secret), secret);
    assert.equal(env.PATH, "/usr/bin");
  });

  it("gives the loader the writer's login, and the stages none", () => {
    const loader = serviceEnv(config, "loader", base);
    assert.equal(loader.ECOM_DATABASE_WRITER_URL, writer.href);
    assert.equal(loader.ECOM_DATABASE_URL, undefined);
    assert.equal(loader.ECOM_DATABASE_READER_URL, undefined);
    const silver = Object.values(serviceEnv(config, "silver-writer", base)).join("\n");
    for (const secret of ["admin-secret", reader.password, writer.password])
      assert.ok(!silver.includes(secret), secret);
  });

  it("a service's own process finds its login in what it received", () => {
    const api = loadConfig(serviceEnv(config, "api", base));
    assert.equal(roleDatabaseUrl(api, "ecom_reader"), reader.href);
  });
});
