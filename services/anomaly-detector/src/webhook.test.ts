import assert from "node:assert/strict";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, it } from "node:test";
import { sign, signatureHeader, type WebhookEvent, WebhookSender } from "./webhook.js";

const event: WebhookEvent = {
  event: "alert.opened",
  alert: {
    id: 1,
    metric: "purchases",
    kind: "business",
    severity: "critical",
    method: "robust_z",
    window_start: "2024-05-01T12:03:00.000Z",
    last_seen_at: "2024-05-01T12:03:00.000Z",
    resolved_at: null,
    observed: 0,
    expected: 41,
    score: 12,
    message: "purchases/min 0 vs expected 41 ± 6 since 12:03 UTC (robust_z)",
  },
};

describe("webhook", () => {
  it("signs the body with HMAC-SHA256 and retries until the receiver accepts", async () => {
    const received: Array<{ body: string; signature: string | undefined }> = [];
    let calls = 0;
    const server = createServer((req, res) => {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => {
        calls++;
        received.push({ body, signature: req.headers[signatureHeader] as string | undefined });
        res.writeHead(calls < 3 ? 503 : 204).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const results: boolean[] = [];
    try {
      const { port } = server.address() as AddressInfo;
      const sender = new WebhookSender({
        url: `http://127.0.0.1:${port}/hook`,
        secret: "s3cret",
        attempts: 4,
        backoffMs: 10,
        onResult: (ok) => results.push(ok),
      });
      sender.send(event);
      await sender.drain();
    } finally {
      server.close();
    }
    assert.equal(calls, 3);
    assert.deepEqual(results, [true]);
    const last = received.at(-1);
    assert.deepEqual(JSON.parse(last?.body ?? ""), event);
    assert.equal(last?.signature, sign("s3cret", last?.body ?? ""));
    assert.notEqual(last?.signature, sign("other", last?.body ?? ""));
  });

  it("gives up after its attempts when nothing listens, without throwing", async () => {
    const results: Array<[boolean, string | undefined]> = [];
    const sender = new WebhookSender({
      url: "http://127.0.0.1:9/unreachable",
      secret: "x",
      attempts: 2,
      backoffMs: 5,
      onResult: (ok, _e, error) => results.push([ok, error]),
    });
    sender.send(event);
    await sender.drain();
    assert.equal(results.length, 1);
    assert.equal(results[0]?.[0], false);
  });
});
