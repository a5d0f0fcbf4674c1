import assert from "node:assert/strict";
import { Writable } from "node:stream";
import { after, before, describe, it } from "node:test";
import { seedAlert } from "@ecomstream/testkit";
import { createTestDb, type TestDb, testApp, testConfig, testKey } from "./api.fixture.js";
import { redactPaths } from "./app.js";
import { createPool } from "./db.js";

/** Collects the app's JSON log lines. */
function logSink() {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split("\n").filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { lines, stream, text: () => JSON.stringify(lines) };
}

describe("HTTP policies: CORS, rate limit, request ids, logs", () => {
  let db: TestDb;
  before(async () => {
    db = await createTestDb();
  });
  after(async () => {
    await db?.drop();
  });

  it("allows the dashboard's origin and no other", async () => {
    const app = await testApp(db, { config: testConfig({ corsOrigins: ["http://localhost:8501"] }) });
    try {
      const preflight = await app.inject({
        method: "OPTIONS",
        url: "/v1/alerts/1/acknowledge",
        headers: {
          origin: "http://localhost:8501",
          "access-control-request-method": "POST",
          "access-control-request-headers": "x-api-key",
        },
      });
      assert.equal(preflight.statusCode, 204);
      assert.equal(preflight.headers["access-control-allow-origin"], "http://localhost:8501");
      assert.match(String(preflight.headers["access-control-allow-headers"]), /x-api-key/);
      const other = await app.inject({ url: "/health", headers: { origin: "http://evil.example" } });
      assert.equal(other.headers["access-control-allow-origin"], undefined);
    } finally {
      await app.close();
    }
  });

  it("limits each client per minute with a 429 problem, liveness and metrics exempt", async () => {
    const app = await testApp(db, { config: testConfig({ rateLimitPerMinute: 3 }) });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 4; i++) codes.push((await app.inject("/v1/kpis/latest")).statusCode);
      assert.deepEqual(codes, [200, 200, 200, 429]);
      const limited = await app.inject("/v1/alerts");
      assert.equal(limited.statusCode, 429);
      assert.match(String(limited.headers["content-type"]), /problem\+json/);
      assert.equal(limited.json().code, "API_ERR_RATE_LIMITED");
      assert.ok(limited.headers["retry-after"]);
      assert.equal((await app.inject("/health")).statusCode, 200);
      assert.equal((await app.inject("/metrics")).statusCode, 200);
    } finally {
      await app.close();
    }
  });

  it("echoes or assigns a request id, logs with it, and never logs the API key or the password", async () => {
    const sink = logSink();
    const app = await testApp(db, {
      logger: { level: "debug", stream: sink.stream, redact: { paths: redactPaths, censor: "***" } },
    });
    try {
      const given = await app.inject({ url: "/health", headers: { "x-request-id": "req-abc" } });
      assert.equal(given.headers["x-request-id"], "req-abc");
      const assigned = await app.inject("/health");
      assert.match(String(assigned.headers["x-request-id"]), /^[0-9a-f-]{36}$/);
      const odd = await app.inject({
        url: "/health",
        headers: { "x-request-id": `${"x".repeat(300)}\u00e9` },
      });
      assert.match(String(odd.headers["x-request-id"]), /^[0-9a-f-]{36}$/);
      const failed = await app.inject({
        method: "POST",
        url: "/v1/alerts/1/resolve",
        headers: { "x-api-key": "wrong-secret-key", "x-request-id": "req-def" },
      });
      assert.equal(failed.json().requestId, "req-def");
      await app.inject({ method: "POST", url: "/v1/alerts/1/resolve", headers: { "x-api-key": testKey } });
      const done = sink.lines.filter((line) => line.msg === "request done");
      assert.ok(done.some((line) => line.reqId === "req-abc"));
      assert.ok(done.every((line) => typeof line.reqId === "string" && typeof line.status === "number"));
      const text = sink.text();
      assert.doesNotMatch(text, new RegExp(testKey));
      assert.doesNotMatch(text, /wrong-secret-key/);
      assert.doesNotMatch(text, /ecom:ecom@/);
    } finally {
      await app.close();
    }
  });

  it("is not ready (503 problem) while a migration is missing", async () => {
    const app = await testApp(db);
    try {
      assert.equal((await app.inject("/ready")).statusCode, 200);
      const [last] = (
        await db.admin.query<{ name: string }>(
          "select name from public.ecom_migrations order by id desc limit 1",
        )
      ).rows;
      await db.admin.query("delete from public.ecom_migrations where name = $1", [last?.name]);
      const ready = await app.inject("/ready");
      assert.equal(ready.statusCode, 503);
      assert.match(ready.json().detail, new RegExp(`migrations not applied: ${last?.name}`));
      await db.admin.query("insert into public.ecom_migrations (name, run_on) values ($1, now())", [
        last?.name,
      ]);
    } finally {
      await app.close();
    }
  });

  it("the reader role may change an alert's status and nothing else", async () => {
    const id = await seedAlert(db.admin, { metric: "reader_check", at: new Date() });
    const reader = createPool(db.readerUrl, { max: 1 });
    try {
      for (const sql of [
        "insert into serving.alerts (metric, window_start, severity, method, message) values ('m', now(), 'info', 'x', 'y')",
        "update serving.alerts set message = 'x'",
        "delete from serving.alerts",
        "update serving.kpi_minute set purchases = 0",
        "insert into serving.quality_minute (minute, records, valid, quarantined, duplicates, late) values (now(), 0, 0, 0, 0, 0)",
        "delete from serving.pipeline_stage",
      ]) {
        await assert.rejects(reader.query(sql), /permission denied/, sql);
      }
      const updated = await reader.query(
        "update serving.alerts set status = 'resolved', updated_at = now() where id = $1",
        [id],
      );
      assert.equal(updated.rowCount, 1);
    } finally {
      await reader.end();
    }
  });

  it("answers 503 with a fix, not 500, while Postgres is unreachable", async () => {
    const url = new URL(db.readerUrl);
    url.port = "9"; // nothing listens on the discard port
    const app = await testApp({ ...db, readerUrl: url.toString() });
    try {
      for (const path of ["/v1/kpis", "/v1/alerts", "/v1/quality", "/v1/pipeline", "/ready"]) {
        const res = await app.inject(path);
        assert.equal(res.statusCode, 503, path);
        assert.equal(res.json().code, "API_ERR_UNAVAILABLE");
        assert.match(res.json().detail, /Postgres is (unavailable|unreachable)/);
      }
      const stream = await app.inject("/v1/stream");
      assert.equal(stream.statusCode, 503);
    } finally {
      await app.close();
    }
  });
});
