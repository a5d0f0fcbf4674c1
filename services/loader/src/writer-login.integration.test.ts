import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createServingPool, roleDatabaseUrl } from "@ecomstream/runtime";
import { type TempDatabase, type TempHome, tempDatabase, tempHome } from "@ecomstream/testkit";
import type pg from "pg";

describe("the loader's Postgres login is ecom_writer itself", () => {
  let db: TempDatabase;
  let home: TempHome;
  let pool: pg.Pool;
  before(async () => {
    db = await tempDatabase("ecom_loader_test");
    home = tempHome("loader-", { ECOM_DATABASE_URL: db.url });
    // the URL the loader's own pool connects with (createLoaderLoop's default)
    pool = createServingPool(roleDatabaseUrl(home.config, "ecom_writer"), 1);
  });
  after(async () => {
    await pool?.end();
    await db?.drop();
    home?.remove();
  });

  it("writes serving as ecom_writer, not as the administrator", async () => {
    const { rows } = await pool.query("SELECT session_user AS s, current_database() AS d");
    assert.deepEqual(rows[0], { s: "ecom_writer", d: new URL(db.url).pathname.slice(1) });
    await pool.query(
      "INSERT INTO serving.service_state (name, value) VALUES ('writer-login-test', '{}'::jsonb)",
    );
  });

  it("cannot create roles, become another, or read secrets it does not need", async () => {
    const client = await pool.connect();
    try {
      const admin = (await db.pool.query<{ u: string }>("SELECT current_user AS u")).rows[0]?.u ?? "ecom";
      for (const sql of [
        `SET ROLE ${admin}`,
        "SET ROLE ecom_reader",
        "CREATE ROLE intruder LOGIN",
        "ALTER ROLE ecom_reader PASSWORD 'taken'",
        "SELECT rolpassword FROM pg_authid",
        "SELECT pg_read_file('PG_VERSION')",
        "CREATE TABLE serving.intruder (id int)",
        "DROP TABLE serving.kpi_minute",
      ]) {
        await assert.rejects(client.query(sql), /permission denied|must be owner/, sql);
      }
    } finally {
      client.release();
    }
  });
});
