import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { seedAlert } from "@ecomstream/testkit";
import { createTestDb, type TestDb, testApp, testKey } from "./api.fixture.js";

const t0 = Date.parse("2026-03-01T10:00:00Z");

describe("alerts", () => {
  let db: TestDb;
  let app: Awaited<ReturnType<typeof testApp>>;
  const ids: number[] = [];
  before(async () => {
    db = await createTestDb();
    app = await testApp(db);
    // 23 alerts, several sharing a window_start (ties broken by id), all resolved but 3
    for (let i = 0; i < 23; i++) {
      ids.push(
        await seedAlert(db.admin, {
          metric: i < 20 ? `m${i}` : `open_${i}`,
          at: new Date(t0 + Math.floor(i / 3) * 60_000),
          severity: i % 2 === 0 ? "critical" : "info",
          status: i < 20 ? "resolved" : "open",
        }),
      );
    }
  });
  after(async () => {
    await app?.close();
    await db?.drop();
  });

  it("pages with an opaque cursor: newest first, no duplicates, no gaps", async () => {
    const seen: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: { statusCode: number; json(): { items: Array<{ id: number }>; nextCursor: string | null } } =
        await app.inject(`/v1/alerts?limit=5${cursor ? `&cursor=${cursor}` : ""}`);
      assert.equal(res.statusCode, 200);
      const body = res.json();
      seen.push(...body.items.map((a: { id: number }) => a.id));
      cursor = body.nextCursor;
      pages++;
    } while (cursor && pages < 20);
    assert.equal(pages, 5);
    const expected = [...ids].sort((a, b) => {
      const wa = Math.floor((a - ids[0]!) / 3);
      const wb = Math.floor((b - ids[0]!) / 3);
      return wb - wa || b - a;
    });
    assert.deepEqual(seen, expected);
  });

  it("filters by status, severity, metric and window", async () => {
    const open = (await app.inject("/v1/alerts?status=open")).json();
    assert.deepEqual(open.items.map((a: { metric: string }) => a.metric).sort(), [
      "open_20",
      "open_21",
      "open_22",
    ]);
    const critical = (await app.inject("/v1/alerts?severity=critical&limit=500")).json();
    assert.equal(critical.items.length, 12);
    assert.equal((await app.inject("/v1/alerts?metric=m4")).json().items.length, 1);
    const window = await app.inject(
      `/v1/alerts?from=${new Date(t0 + 60_000).toISOString()}&to=${new Date(t0 + 120_000).toISOString()}`,
    );
    assert.deepEqual(
      window.json().items.map((a: { metric: string }) => a.metric),
      ["m5", "m4", "m3"],
    );
    const inverted = await app.inject(
      `/v1/alerts?from=${new Date(t0).toISOString()}&to=${new Date(t0).toISOString()}`,
    );
    assert.equal(inverted.statusCode, 400);
  });

  it("rejects a cursor it did not issue", async () => {
    for (const cursor of [
      "abc",
      Buffer.from("v1:1:0").toString("base64url"),
      Buffer.from("v1:x:1").toString("base64url"),
    ]) {
      const res = await app.inject(`/v1/alerts?cursor=${cursor}`);
      assert.equal(res.statusCode, 400, cursor);
      assert.equal(res.json().code, "API_ERR_CURSOR");
    }
  });

  it("needs the API key: 401 without, 403 wrong", async () => {
    const id = ids[20]!;
    const none = await app.inject({ method: "POST", url: `/v1/alerts/${id}/acknowledge` });
    assert.equal(none.statusCode, 401);
    assert.match(none.headers["content-type"] as string, /problem\+json/);
    const wrong = await app.inject({
      method: "POST",
      url: `/v1/alerts/${id}/acknowledge`,
      headers: { "x-api-key": "nope" },
    });
    assert.equal(wrong.statusCode, 403);
    const still = await db.admin.query("select status from serving.alerts where id = $1", [id]);
    assert.equal(still.rows[0].status, "open");
  });

  it("moves open -> acknowledged -> resolved, and refuses resolved -> acknowledged", async () => {
    const id = ids[21]!;
    const post = (action: string, alertId: number | string = id) =>
      app.inject({
        method: "POST",
        url: `/v1/alerts/${alertId}/${action}`,
        headers: { "x-api-key": testKey },
      });
    const ack = await post("acknowledge");
    assert.equal(ack.statusCode, 200);
    assert.equal(ack.json().status, "acknowledged");
    assert.equal((await post("acknowledge")).statusCode, 200, "repeating is a no-op");
    const resolved = await post("resolve");
    assert.equal(resolved.json().status, "resolved");
    const conflict = await post("acknowledge");
    assert.equal(conflict.statusCode, 409);
    assert.match(conflict.json().detail, /is resolved/);
    assert.equal((await post("resolve", 999_999)).statusCode, 404);
    assert.equal((await post("resolve", "abc")).statusCode, 400);
    assert.equal((await post("resolve", 0)).statusCode, 400);
  });
});
