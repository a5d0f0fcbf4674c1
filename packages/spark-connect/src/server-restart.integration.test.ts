/**
 * Kills and restarts a private Spark Connect server (never the shared one): the client must fail
 * fast while it is down, refuse to silently continue a lost session, and work with a new session.
 * Needs the server jars: `ECOM_SPARK_LIB`, else `$ECOM_CACHE/spark/lib` (what `./ecom test` resolves).
 */
import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, openSync } from "node:fs";
import { createServer, Socket } from "node:net";
import { join } from "node:path";
import { test } from "node:test";
import { SparkConnectionError, SparkError } from "./errors.js";
import { packageDir } from "./proto-fetch.js";
import { SparkSession } from "./session.js";
import { tempDir, waitFor } from "./spark-connect.fixture.js";

const lib =
  process.env.ECOM_SPARK_LIB ??
  join(process.env.ECOM_CACHE ?? join(packageDir, "..", "..", ".ecom", "cache"), "spark", "lib");
const opens = [
  "java.lang",
  "java.lang.invoke",
  "java.lang.reflect",
  "java.io",
  "java.net",
  "java.nio",
  "java.util",
]
  .concat([
    "java.util.concurrent",
    "java.util.concurrent.atomic",
    "jdk.internal.ref",
    "sun.nio.ch",
    "sun.nio.cs",
  ])
  .concat(["sun.security.action", "sun.util.calendar"])
  .map((pkg) => `--add-opens=java.base/${pkg}=ALL-UNNAMED`);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject()));
    });
  });
}

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    socket.once("connect", () => resolve(socket.destroy() === socket));
    socket.once("error", () => resolve(false));
    socket.connect(port, "127.0.0.1");
  });
}

async function startServer(port: number, logFile: string): Promise<ChildProcess> {
  const log = openSync(logFile, "a");
  const child = spawn(
    "java",
    [
      "-Xmx1g",
      "-XX:+IgnoreUnrecognizedVMOptions",
      "--add-modules=jdk.incubator.vector",
      ...opens,
      "--add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
      "-Dio.netty.tryReflectionSetAccessible=true",
      "-cp",
      `${lib}/*`,
      "-Dspark.master=local[1]",
      "-Dspark.ui.enabled=false",
      `-Dspark.connect.grpc.binding.port=${port}`,
      "org.apache.spark.sql.connect.service.SparkConnectServer",
    ],
    { stdio: ["ignore", log, log] },
  );
  await waitFor(
    "the private Spark Connect server",
    async () => ((await listening(port)) ? true : undefined),
    45_000,
  );
  return child;
}

test("a killed server fails calls fast; after a restart the old session is refused and a new one works", {
  timeout: 120_000,
}, async () => {
  assert.ok(existsSync(lib), `no Spark jars at ${lib} (run ./ecom up, or set ECOM_SPARK_LIB)`);
  const dir = tempDir("restart");
  const port = await freePort();
  const url = `sc://127.0.0.1:${port}/;user_id=restart-test`;
  let server = await startServer(port, join(dir.path, "server.log"));
  try {
    const session = await SparkSession.connect(url);
    await (await session.sql("SELECT 1 AS one")).createOrReplaceTempView("before_restart");

    server.kill("SIGKILL");
    await waitFor("the server to go away", async () => ((await listening(port)) ? undefined : true));
    const started = Date.now();
    await assert.rejects(session.table("before_restart").count(), (error: unknown) => {
      assert.ok(error instanceof SparkConnectionError, `expected SparkConnectionError, got ${String(error)}`);
      assert.ok(error.message.includes(url));
      return true;
    });
    assert.ok(Date.now() - started < 5_000, "fails fast while the server is down");

    server = await startServer(port, join(dir.path, "server.log"));
    // The old channel may still be in its reconnect backoff for a moment (SparkConnectionError).
    const refusal = await waitFor("the old session's first answer from the new server", async () => {
      const error = await session
        .table("before_restart")
        .count()
        .then(
          () => new Error("the lost session was silently continued"),
          (e: unknown) => e,
        );
      return error instanceof SparkConnectionError ? undefined : error;
    });
    assert.ok(refusal instanceof SparkError, `expected SparkError, got ${String(refusal)}`);
    assert.equal(refusal.errorClass, "INVALID_HANDLE.SESSION_CHANGED");
    session.detach();

    const fresh = await SparkSession.connect(url);
    assert.equal(await fresh.range(3).count(), 3);
    fresh.detach();
  } finally {
    server.kill("SIGKILL");
    dir.remove();
  }
});
