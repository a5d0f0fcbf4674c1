import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { loadConfig } from "@ecomstream/runtime";
import { freePort, runEcom } from "@ecomstream/testkit";

const config = loadConfig();

/** The running runtime as external endpoints, so only the component under test is embedded. */
const external = {
  ECOM_KAFKA_BOOTSTRAP: `${config.kafka.bootstrap.split(",")[0]}`.replace("localhost", "127.0.0.1"),
  ECOM_SPARK_REMOTE: config.spark.remote.replace("localhost", "127.0.0.1"),
  ECOM_DATABASE_URL: config.postgres.url.replace("localhost", "127.0.0.1"),
  ECOM_CACHE: config.cache,
};

function assertOneLineError(result: { code: number; stderr: string }, message: RegExp, fix: RegExp): void {
  assert.notEqual(result.code, 0);
  assert.match(result.stderr, message);
  assert.match(result.stderr, fix);
  assert.doesNotMatch(result.stderr, /^\s+at /m, "no stack trace");
}

describe("./ecom up explains what is wrong in one line", () => {
  let blocker: Server;
  let taken = 0;

  before(async () => {
    blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "0.0.0.0", resolve));
    taken = (blocker.address() as { port: number }).port;
  });
  after(() => blocker.close());

  it("a port already taken names the port and the variable that moves it", async () => {
    const home = mkdtempSync(join(tmpdir(), "ecom-port-"));
    const result = await runEcom(["up"], {
      ...external,
      ECOM_DATABASE_URL: undefined,
      ECOM_HOME: home,
      ECOM_POSTGRES_PORT: String(taken),
    });
    assertOneLineError(
      result,
      new RegExp(`port ${taken} needed by postgres is already in use`),
      /ECOM_POSTGRES_PORT/,
    );
  });

  it("a missing Java names the fix", async () => {
    const home = mkdtempSync(join(tmpdir(), "ecom-java-"));
    const [port, controllerPort] = [await freePort(), await freePort()];
    const result = await runEcom(["up"], {
      ...external,
      ECOM_KAFKA_BOOTSTRAP: undefined,
      ECOM_HOME: home,
      JAVA_HOME: join(home, "no-java-here"),
      ECOM_KAFKA_PORT: String(port),
      ECOM_KAFKA_CONTROLLER_PORT: String(controllerPort),
    });
    assertOneLineError(result, /Java is missing/, /install a JDK >= 17/);
  });

  it("an unreachable external endpoint names the variable", async () => {
    const home = mkdtempSync(join(tmpdir(), "ecom-ext-"));
    const closed = taken; // listening but not Kafka: the metadata probe fails
    const result = await runEcom(["up"], {
      ...external,
      ECOM_HOME: home,
      ECOM_KAFKA_BOOTSTRAP: `127.0.0.1:${closed}`,
    });
    assertOneLineError(result, /Kafka at 127\.0\.0\.1:\d+ is unreachable/, /ECOM_KAFKA_BOOTSTRAP/);
  });

  it("a bad setting lists the variable before anything starts", async () => {
    const result = await runEcom(["status"], { ECOM_KAFKA_PORT: "ninety" });
    assertOneLineError(result, /ECOM_KAFKA_PORT=ninety must be an integer/, /ecom env/);
  });
});
