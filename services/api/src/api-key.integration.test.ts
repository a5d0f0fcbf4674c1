import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { seedAlert } from "@ecomstream/testkit";
import { createTestDb, type TestDb, testApp, testConfig, testKey } from "./api.fixture.js";

describe("API key: wrong keys are limited per client; samples need the key", () => {
  let db: TestDb;
  let alertId: number;
  before(async () => {
    db = await createTestDb();
    alertId = await seedAlert(db.admin, { metric: "conversion_rate", at: new Date() });
  });
  after(async () => {
    await db?.drop();
  });

  it("answers the 11th wrong key within a minute with 429 and retry-after, even with the right key then", async () => {
    const app = await testApp(db);
    const resolve = (key: string, remoteAddress = "10.0.0.1") =>
      app.inject({
        method: "POST",
        url: `/v1/alerts/${alertId}/acknowledge`,
        headers: { "x-api-key": key },
        remoteAddress,
      });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 11; i++) codes.push((await resolve(`wrong-${i}`)).statusCode);
      assert.deepEqual(codes, [...Array(10).fill(403), 429]);
      const blocked = await resolve(testKey);
      assert.equal(blocked.statusCode, 429, "the right key is refused too while the client is blocked");
      assert.match(String(blocked.headers["content-type"]), /^application\/problem\+json/);
      assert.equal(blocked.json().code, "API_ERR_RATE_LIMITED");
      const retryAfter = Number(blocked.headers["retry-after"]);
      assert.ok(retryAfter > 0 && retryAfter <= 60, `retry-after ${blocked.headers["retry-after"]}`);
      const samples = await app.inject({
        url: "/v1/quality/samples",
        headers: { "x-api-key": testKey },
        remoteAddress: "10.0.0.1",
      });
      assert.equal(samples.statusCode, 429, "every operation that takes the key");
      const other = await resolve(testKey, "10.0.0.2");
      assert.equal(other.statusCode, 200, "another client is not blocked");
      assert.equal(other.json().status, "acknowledged");
    } finally {
      await app.close();
    }
  });

  it("counts wrong keys against the request rate limit (the limiter runs first)", async () => {
    const app = await testApp(db, { config: testConfig({ rateLimitPerMinute: 4 }) });
    try {
      const remaining: string[] = [];
      for (let i = 0; i < 4; i++) {
        const res = await app.inject({
          method: "POST",
          url: `/v1/alerts/${alertId}/resolve`,
          headers: { "x-api-key": "wrong" },
        });
        assert.equal(res.statusCode, 403);
        remaining.push(String(res.headers["x-ratelimit-remaining"]));
      }
      assert.deepEqual(remaining, ["3", "2", "1", "0"]);
      const limited = await app.inject({ url: "/v1/kpis/latest" });
      assert.equal(limited.statusCode, 429);
    } finally {
      await app.close();
    }
  });

  it("needs the key for quarantine samples (raw payloads): 401 without, 403 wrong, 200 right", async () => {
    const app = await testApp(db);
    try {
      assert.equal((await app.inject("/v1/quality/samples")).statusCode, 401);
      const wrong = await app.inject({ url: "/v1/quality/samples", headers: { "x-api-key": "nope" } });
      assert.equal(wrong.statusCode, 403);
      const right = await app.inject({
        url: "/v1/quality/samples?limit=5",
        headers: { "x-api-key": testKey },
      });
      assert.equal(right.statusCode, 200);
      assert.deepEqual(right.json(), { items: [] });
    } finally {
      await app.close();
    }
  });
});
