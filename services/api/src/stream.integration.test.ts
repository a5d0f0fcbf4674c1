import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { seedAlert, seedKpis } from "@ecomstream/testkit";
import { createTestDb, listeningApp, type TestDb, testKey } from "./api.fixture.js";
import { sseReader } from "./sse-reader.js";

const t0 = new Date("2026-03-02T08:00:00Z");
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

describe("GET /v1/stream", () => {
  let db: TestDb;
  let served: Awaited<ReturnType<typeof listeningApp>>;
  let closed = false;
  before(async () => {
    db = await createTestDb();
    served = await listeningApp(db, { heartbeatMs: 200 });
  });
  after(async () => {
    if (!closed) await served?.app.close();
    await db?.drop();
  });

  it("sends ready, then each new or changed KPI minute and alert; a no-op upsert sends nothing", async () => {
    const response = await fetch(`${served.base}/v1/stream`, {
      headers: { origin: "http://localhost:8501" },
    });
    assert.equal(response.status, 200);
    assert.match(response.headers.get("content-type") ?? "", /^text\/event-stream/);
    assert.equal(response.headers.get("access-control-allow-origin"), "http://localhost:8501");
    assert.ok(response.headers.get("x-request-id"));
    const events = sseReader(response);
    try {
      const ready = await events.next();
      assert.equal(ready.event, "ready");

      await seedKpis(db.admin, [{ at: at(0), purchases: 2, failures: 1, sessions: 9, revenue: 30 }]);
      const inserted = await events.next();
      assert.equal(inserted.event, "kpi");
      const row = JSON.parse(inserted.data);
      assert.equal(row.window_start, at(0).toISOString());
      assert.equal(row.purchases, 2);
      assert.equal(row.aov_usd, 15);

      // an upsert that changes only updated_at notifies nothing; the next real change comes first
      await db.admin.query("update serving.kpi_minute set updated_at = now() where window_start = $1", [
        at(0),
      ]);
      await db.admin.query(
        "update serving.kpi_minute set purchases = 3, is_final = true where window_start = $1",
        [at(0)],
      );
      const changed = JSON.parse((await events.next()).data);
      assert.equal(changed.purchases, 3);

      const id = await seedAlert(db.admin, { metric: "conversion_rate", at: at(0) });
      const raised = await events.next();
      assert.equal(raised.event, "alert");
      assert.equal(JSON.parse(raised.data).id, id);
      const ack = await fetch(`${served.base}/v1/alerts/${id}/acknowledge`, {
        method: "POST",
        headers: { "x-api-key": testKey },
      });
      assert.equal(ack.status, 200);
      const acknowledged = await events.next();
      assert.equal(acknowledged.event, "alert");
      assert.equal(JSON.parse(acknowledged.data).status, "acknowledged");
    } finally {
      await events.close();
    }
  });

  it("keeps idle streams open with comments and closes them when the app stops", async () => {
    const response = await fetch(`${served.base}/v1/stream`);
    const reader = response.body?.getReader();
    assert.ok(reader);
    const text: string[] = [];
    const decoder = new TextDecoder();
    while (!text.join("").includes(": ping")) {
      const chunk = await reader.read();
      assert.equal(chunk.done, false);
      text.push(decoder.decode(chunk.value));
    }
    const metrics = await (await fetch(`${served.base}/metrics`)).text();
    assert.match(metrics, /ecom_api_stream_open_connections 1/);
    await served.app.close();
    let done = false;
    while (!done) done = (await reader.read()).done;
    closed = true;
  });
});
