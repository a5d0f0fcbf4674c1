import assert from "node:assert/strict";
import { connect, type Socket } from "node:net";
import { after, before, describe, it } from "node:test";
import { createTestDb, listeningApp, type TestDb, testConfig } from "./api.fixture.js";
import { sseReader } from "./sse-reader.js";

/** `count` final minutes from `start` in one statement: one notification each. */
async function insertMinutes(db: TestDb, start: Date, count: number): Promise<Date> {
  const last = new Date(start.getTime() + (count - 1) * 60_000);
  await db.admin.query(
    `insert into serving.kpi_minute (window_start, window_end, events, page_views, product_views, add_to_carts,
       remove_from_carts, checkouts, purchases, payment_failures, unique_users, unique_sessions, revenue_usd,
       aov_usd, conversion_rate, payment_failure_rate, is_final, source)
     select t, t + interval '1 minute', 40, 30, 5, 2, 0, 2, 2, 1, 9, 9, 123.45, 61.725, 0.2222, 0.3333, true, 'gold'
     from generate_series($1::timestamptz, $2::timestamptz, interval '1 minute') t`,
    [start, last],
  );
  return last;
}

const metric = async (base: string, name: string) => {
  const text = await (await fetch(`${base}/metrics`)).text();
  return Number(new RegExp(`^${name} (\\S+)$`, "m").exec(text)?.[1] ?? Number.NaN);
};

/** A client that sends the request and then never reads: the kernel's buffers fill, then Node's. */
function stalledClient(base: string): Promise<Socket> {
  const url = new URL(`${base}/v1/stream`);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(url.port), url.hostname, () => {
      socket.write(`GET /v1/stream HTTP/1.1\r\nHost: ${url.host}\r\nAccept: text/event-stream\r\n\r\n`);
      socket.once("data", () => {
        socket.pause();
        resolve(socket);
      });
    });
    socket.on("error", reject);
  });
}

describe("GET /v1/stream limits: a cap on streams, clients that do not read are dropped", () => {
  let db: TestDb;
  before(async () => {
    db = await createTestDb();
  });
  after(async () => {
    await db?.drop();
  });

  it("answers 503 problem+json beyond ECOM_API_MAX_STREAMS, and serves again once one closes", {
    timeout: 120_000,
  }, async () => {
    const served = await listeningApp(db, { config: testConfig({ maxStreams: 2 }) });
    const opened: Array<ReturnType<typeof sseReader>> = [];
    try {
      for (let i = 0; i < 2; i++) {
        const events = sseReader(await fetch(`${served.base}/v1/stream`));
        assert.equal((await events.next()).event, "ready");
        opened.push(events);
      }
      const refused = await fetch(`${served.base}/v1/stream`);
      assert.equal(refused.status, 503);
      assert.match(refused.headers.get("content-type") ?? "", /^application\/problem\+json/);
      assert.ok(Number(refused.headers.get("retry-after")) > 0);
      assert.match(((await refused.json()) as { detail: string }).detail, /ECOM_API_MAX_STREAMS/);
      const head = await fetch(`${served.base}/v1/stream`, { method: "HEAD" });
      assert.equal(head.status, 503, "HEAD counts against the cap as GET does");
      assert.equal(await metric(served.base, "ecom_api_stream_rejected_total"), 2);
      await opened.shift()?.close();
      while ((await metric(served.base, "ecom_api_stream_open_connections")) !== 1) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      // HEAD answers the headers and holds no stream open
      const head2 = await fetch(`${served.base}/v1/stream`, { method: "HEAD" });
      assert.equal(head2.status, 200);
      assert.match(head2.headers.get("content-type") ?? "", /^text\/event-stream/);
      assert.equal(await metric(served.base, "ecom_api_stream_open_connections"), 1);
      const again = sseReader(await fetch(`${served.base}/v1/stream`));
      assert.equal((await again.next()).event, "ready");
      opened.push(again);
    } finally {
      for (const events of opened) await events.close();
      await served.app.close();
    }
  });

  it("drops a client that stops reading, keeps the others, and warns of no listener leak", {
    timeout: 120_000,
  }, async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.name);
    process.on("warning", onWarning);
    const served = await listeningApp(db, { streamDrainMs: 1000 });
    const readers: Array<ReturnType<typeof sseReader>> = [];
    let stalled: Socket | undefined;
    try {
      // a dozen streams at once (an EventEmitter warns beyond ten listeners); then one reader stays
      for (let i = 0; i < 12; i++) {
        const events = sseReader(await fetch(`${served.base}/v1/stream`));
        assert.equal((await events.next()).event, "ready");
        readers.push(events);
      }
      for (const other of readers.splice(1)) await other.close();
      stalled = await stalledClient(served.base);
      const [reader] = readers;
      assert.ok(reader);
      let start = new Date("2026-01-01T00:00:00Z");
      for (let batch = 0; (await metric(served.base, "ecom_api_stream_dropped_total")) === 0; batch++) {
        assert.ok(batch < 40, "the stalled client was never dropped");
        const last = await insertMinutes(db, start, 1000);
        start = new Date(last.getTime() + 60_000);
        // once a reader has the batch's last minute, the server wrote the batch to every stream
        for (;;) {
          const message = await reader.next(30_000);
          if (message.event === "kpi" && JSON.parse(message.data).window_start === last.toISOString()) break;
        }
      }
      assert.equal(await metric(served.base, "ecom_api_stream_dropped_total"), 1, "only the stalled client");
      assert.equal(await metric(served.base, "ecom_api_stream_open_connections"), 1, "the reader stays");
      // the stalled client, reading at last, finds its stream ended by the server
      const socket = stalled;
      const ended = new Promise<void>((resolve) => socket.once("close", () => resolve()));
      socket.resume();
      await ended;
      const next = await insertMinutes(db, start, 1);
      for (;;) {
        const message = await reader.next(30_000);
        if (message.event === "kpi" && JSON.parse(message.data).window_start === next.toISOString()) break;
      }
      assert.deepEqual(
        warnings.filter((name) => name === "MaxListenersExceededWarning"),
        [],
      );
    } finally {
      process.off("warning", onWarning);
      stalled?.destroy();
      for (const events of readers) await events.close();
      await served.app.close();
    }
  });
});
