import assert from "node:assert/strict";
import { test } from "node:test";
import { SparkConnectError } from "./errors.js";
import { isUuid, newSessionId, parseConnectionString } from "./url.js";

test("parses host, port and parameters", () => {
  const id = newSessionId();
  const conn = parseConnectionString(
    `sc://spark.example:15010/;user_id=bronze;session_id=${id};use_ssl=true`,
  );
  assert.equal(conn.host, "spark.example");
  assert.equal(conn.port, 15010);
  assert.equal(conn.target, "spark.example:15010");
  assert.equal(conn.userId, "bronze");
  assert.equal(conn.sessionId, id);
  assert.equal(conn.useSsl, true);
});

test("defaults the port and user and accepts no trailing slash", () => {
  const conn = parseConnectionString("sc://localhost");
  assert.equal(conn.port, 15002);
  assert.equal(conn.userId, "ecomstream");
  assert.equal(conn.sessionId, undefined);
  assert.equal(conn.useSsl, false);
  assert.equal(parseConnectionString("sc://localhost:15002/").port, 15002);
});

test("parses bracketed IPv6 hosts", () => {
  const conn = parseConnectionString("sc://[::1]:15003/;user_id=x");
  assert.equal(conn.host, "::1");
  assert.equal(conn.port, 15003);
  assert.equal(conn.target, "[::1]:15003");
});

test("decodes percent-escaped parameter values", () => {
  assert.equal(parseConnectionString("sc://h/;user_id=a%20b").userId, "a b");
});

test("rejects malformed URLs with a usage error naming the URL", () => {
  for (const bad of [
    "http://localhost:15002",
    "sc://",
    "sc://host:notaport",
    "sc://host:70000",
    "sc://host/path",
    "sc://host/;session_id=not-a-uuid",
    "sc://host/;novalue",
    "sc://host/;use_ssl=maybe",
  ]) {
    assert.throws(
      () => parseConnectionString(bad),
      (error: unknown) =>
        error instanceof SparkConnectError &&
        error.code === "SPARK_CONNECT_ERR_USAGE" &&
        error.message.includes(bad),
      bad,
    );
  }
});

test("session ids are UUIDs", () => {
  assert.ok(isUuid(newSessionId()));
  assert.notEqual(newSessionId(), newSessionId());
  assert.ok(!isUuid("1234"));
});
