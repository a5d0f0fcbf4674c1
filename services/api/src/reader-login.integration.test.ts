import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createTestDb, type TestDb, testApp } from "./api.fixture.js";
import { createPool } from "./db.js";

describe("the API's Postgres login is ecom_reader itself", () => {
  let db: TestDb;
  before(async () => {
    db = await createTestDb();
  });
  after(async () => {
    await db?.drop();
  });

  it("pg_stat_activity shows the API's connections as ecom_reader", async () => {
    const app = await testApp(db);
    try {
      const response = await app.inject({ method: "GET", url: "/v1/kpis/latest" });
      assert.equal(response.statusCode, 200, response.body);
      const { rows } = await db.admin.query<{ usename: string }>(
        "SELECT DISTINCT usename FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'ecom-api'",
      );
      assert.deepEqual(
        rows.map((row) => row.usename),
        ["ecom_reader"],
      );
    } finally {
      await app.close();
    }
  });

  it("cannot become the administrator, and writing stays denied after SET ROLE NONE", async () => {
    const pool = createPool(db.readerUrl, { max: 1 });
    const client = await pool.connect();
    try {
      const admin = (await db.admin.query<{ u: string }>("SELECT current_user AS u")).rows[0]?.u ?? "ecom";
      await assert.rejects(client.query(`SET ROLE ${admin}`), /permission denied/);
      await assert.rejects(client.query("SET ROLE ecom_writer"), /permission denied/);
      await client.query("SET ROLE NONE");
      const who = await client.query("SELECT current_user AS u, session_user AS s");
      assert.deepEqual(who.rows[0], { u: "ecom_reader", s: "ecom_reader" });
      for (const sql of [
        "INSERT INTO serving.kpi_minute (window_start, window_end, events, page_views, product_views, add_to_carts, remove_from_carts, checkouts, purchases, payment_failures, unique_users, unique_sessions, revenue_usd) VALUES (now(), now() + interval '1 minute', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)",
        "DELETE FROM serving.alerts",
        "CREATE TABLE serving.intruder (id int)",
        "SELECT rolpassword FROM pg_authid",
        "CREATE ROLE intruder",
      ]) {
        await assert.rejects(client.query(sql), /permission denied/, sql);
      }
    } finally {
      client.release();
      await pool.end();
    }
  });
});
