import assert from "node:assert/strict";
import { existsSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { freePort, homeProcesses, isLoopbackListener, runEcom, tcpListeners } from "@ecomstream/testkit";
import { ecomOk, type PipelinePlatform, privatePlatform } from "./pipeline-platform.js";

/**
 * A whole private platform (its own Kafka, Postgres and Spark Connect server, and every service)
 * listens on loopback only, and an exposed one refuses the published default secrets.
 */
describe("loopback by default (slow, end to end)", () => {
  let platform: PipelinePlatform;

  before(async () => {
    platform = await privatePlatform();
    Object.assign(platform.env, {
      ECOM_BIND_ADDRESS: undefined,
      ECOM_KAFKA_BOOTSTRAP: undefined,
      ECOM_KAFKA_PORT: String(await freePort()),
      ECOM_KAFKA_CONTROLLER_PORT: String(await freePort()),
      ECOM_DATABASE_URL: undefined,
      ECOM_POSTGRES_PORT: String(await freePort()),
      ECOM_SECRETS_DIR: undefined,
      ECOM_SPARK_REMOTE: undefined,
      ECOM_SPARK_PORT: String(await freePort()),
      ECOM_SPARK_DRIVER_MEMORY: "1g",
    });
  });

  after(async () => {
    if (platform) {
      await ecomOk(platform, ["down", "--purge"]);
      rmSync(platform.home, { recursive: true, force: true });
    }
  });

  it("exposed with the default API key and Postgres password, up refuses in one line and starts nothing", async () => {
    const refused = await runEcom(["up"], { ...platform.env, ECOM_BIND_ADDRESS: "0.0.0.0" });
    assert.notEqual(refused.code, 0, refused.stdout);
    assert.match(
      refused.stderr,
      /ECOM_BIND_ADDRESS=0\.0\.0\.0 exposes the platform beyond this machine, but ECOM_API_KEY, ECOM_DATABASE_URL still hold the published default/,
    );
    assert.match(
      refused.stderr,
      /fix: set ECOM_API_KEY=<secret> ECOM_DATABASE_URL=postgres:\/\/ecom:<secret>@/,
    );
    const run = join(platform.home, "run");
    const pids = existsSync(run) ? readdirSync(run).filter((name) => name.endsWith(".pid")) : [];
    assert.deepEqual(pids, [], "nothing started");
  });

  it("after up, every listener of the platform's processes is on a loopback address", async () => {
    await ecomOk(platform, ["up"], 420_000);
    const ours = homeProcesses(platform.home);
    const listeners = tcpListeners().filter((l) => l.pids.some((pid) => ours.has(pid)));
    // each configured port is among them: the processes are found and ss shows their sockets
    const ports = [
      "ECOM_KAFKA_PORT",
      "ECOM_KAFKA_CONTROLLER_PORT",
      "ECOM_POSTGRES_PORT",
      "ECOM_SPARK_PORT",
      "ECOM_BRONZE_PORT",
      "ECOM_SILVER_PORT",
      "ECOM_GOLD_PORT",
      "ECOM_LOADER_PORT",
      "ECOM_LAKE_OPS_PORT",
      "ECOM_DETECTOR_PORT",
      "ECOM_API_PORT",
      "ECOM_DASHBOARD_PORT",
      "ECOM_CONSOLE_PORT",
    ].map((name) => Number(platform.env[name]));
    const seen = new Set(listeners.map((l) => l.port));
    assert.deepEqual(
      ports.filter((port) => !seen.has(port)),
      [],
      "configured ports without a listener of the platform",
    );
    const exposed = listeners
      .filter((l) => !isLoopbackListener(l.address))
      .map((l) => `${l.process} (pid ${l.pids.join(",")}) on ${l.address}:${l.port}`);
    assert.deepEqual(exposed, [], "listeners beyond loopback");
  });
});
