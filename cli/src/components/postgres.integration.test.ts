import assert from "node:assert/strict";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { loadConfig } from "@ecomstream/runtime";
import { freePort, tcpListeners } from "@ecomstream/testkit";
import { statePaths } from "../state.js";
import { PostgresComponent, withPg } from "./postgres.js";

/** The embedded Postgres of a private home, with these settings. */
function postgres(home: string, env: Record<string, string>): PostgresComponent {
  const config = loadConfig({ ECOM_HOME: home, ECOM_CACHE: loadConfig().cache, ...env });
  return new PostgresComponent({ config, paths: statePaths(config) });
}

describe("embedded Postgres: listen address and the superuser's password", () => {
  const home = mkdtempSync(join(tmpdir(), "ecom-postgres-"));
  chmodSync(home, 0o755);
  let running: PostgresComponent | undefined;
  after(async () => {
    await running?.stop();
    rmSync(home, { recursive: true, force: true });
  });

  it("listens on 127.0.0.1, on every interface when exposed, and takes a new superuser password", async () => {
    const port = String(await freePort());
    const listening = () => tcpListeners().filter((l) => l.port === Number(port) && l.process === "postgres");
    running = postgres(home, { ECOM_POSTGRES_PORT: port });
    await running.install();
    await running.start();
    assert.deepEqual(
      listening().map((l) => l.address),
      ["127.0.0.1"],
    );
    await running.stop();

    const url = `postgres://ecom:pg-4c1d9e@localhost:${port}/ecom`;
    running = postgres(home, {
      ECOM_POSTGRES_PORT: port,
      ECOM_BIND_ADDRESS: "0.0.0.0",
      ECOM_DATABASE_URL: url,
    });
    assert.equal(running.embedded, true, "the embedded server under a password of one's own");
    await running.start();
    assert.deepEqual(
      listening().map((l) => l.address),
      ["0.0.0.0"],
    );
    assert.equal((await running.probe()).healthy, true);
    // the published default no longer logs in
    await assert.rejects(
      withPg(`postgres://ecom:ecom@127.0.0.1:${port}/ecom`, (client) => client.query("select 1")),
      (error: { code?: string }) => error.code === "28P01",
    );
  });
});
