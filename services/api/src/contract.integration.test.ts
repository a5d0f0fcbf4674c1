import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { writeLakeHealth } from "@ecomstream/lake";
import { seedAlert, seedKpis, seedQuality } from "@ecomstream/testkit";
import {
  createTestDb,
  listeningApp,
  type TestDb,
  tempLakeConfig,
  testKey,
  writeQuarantineFixture,
} from "./api.fixture.js";
import { seedDimMinutes, seedProductHours } from "./breakdown.fixture.js";
import { loadDocument, operations, responseChecker } from "./openapi-contract.js";
import { seedSessions } from "./sessions.fixture.js";
import { sseReader } from "./sse-reader.js";

const t0 = new Date("2026-03-04T09:00:00Z");
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
const iso = (minutes: number) => at(minutes).toISOString();

/**
 * Every operation of the committed openapi.json, called over HTTP on a running API backed by a
 * real Postgres (and Spark for the samples); each response is validated against the document.
 */
describe("contract: the running API answers as openapi.json documents", () => {
  const doc = loadDocument();
  const checker = responseChecker(doc);
  const covered = new Set<string>();
  const lake = tempLakeConfig();
  let db: TestDb;
  let served: Awaited<ReturnType<typeof listeningApp>>;
  const alertIds: number[] = [];

  /** Calls an operation, asserts the status and that the response conforms; returns the body. */
  async function call(
    operationId: string,
    path: string,
    expectStatus: number,
    init: RequestInit = {},
  ): Promise<Record<string, unknown>> {
    const response = await fetch(`${served.base}${path}`, init);
    const { problems, body } = await checker.check(operationId, response);
    assert.equal(response.status, expectStatus, `${path}: ${JSON.stringify(body)}`);
    assert.deepEqual(problems, [], `${path} breaks the document`);
    if (expectStatus >= 400) {
      assert.match(response.headers.get("content-type") ?? "", /^application\/problem\+json/);
      assert.equal((body as { status: number }).status, expectStatus);
    }
    covered.add(operationId);
    return body as Record<string, unknown>;
  }
  const post = (key?: string): RequestInit => ({
    method: "POST",
    headers: key === undefined ? {} : { "x-api-key": key },
  });

  before(async () => {
    db = await createTestDb();
    await writeQuarantineFixture(lake.config);
    served = await listeningApp(db, { config: lake.config, samples: undefined, now: () => at(60) });
    await seedKpis(db.admin, [
      { at: at(0), purchases: 3, failures: 1, sessions: 12, revenue: 90 },
      { at: at(1), purchases: 0, failures: 0, sessions: 0, revenue: 0, final: false },
      { at: at(7), purchases: 5, failures: 0, sessions: 20, revenue: 250 },
    ]);
    await seedQuality(db.admin, [
      { at: at(0), records: 100, byReason: { missing_field: 3, invalid_type: 1 }, duplicates: 2, late: 1 },
      { at: at(1), records: 50, byReason: { missing_field: 1, not_a_reason: 7 } },
    ]);
    const hours = [-3, -2, -1, 0].map((h) => ({
      hourMs: t0.getTime() + h * 3_600_000,
      files: h < -1 ? 1 : 40,
      bytes: h < -1 ? 5_000_000 : 40 * 20_000,
      compacted: h < -1,
    }));
    await writeLakeHealth(db.admin, [
      {
        layer: "bronze",
        files: 82,
        bytes: 11_600_000,
        partitions: hours,
        lastCompaction: {
          at: iso(30),
          filesBefore: 80,
          filesAfter: 2,
          bytesBefore: 10_400_000,
          bytesAfter: 10_000_000,
        },
      },
      { layer: "gold", files: 0, bytes: 0, partitions: [], lastCompaction: null },
    ]);
    await seedDimMinutes(db.admin, [
      { at: at(0), dimension: "country", value: "DE", events: 10, purchases: 1, revenue: 20 },
      { at: at(1), dimension: "device", value: "mobile", events: 6, final: false },
      { at: at(1), dimension: "category", value: "shoes", events: 4 },
    ]);
    await seedProductHours(db.admin, [
      { at: at(0), product: "p-1", views: 30, addToCarts: 2 },
      { at: at(0), product: "p-2", views: 5, addToCarts: 9 },
    ]);
    await seedSessions(db.admin, [
      { id: "s-1", start: at(0), durationSeconds: 0, events: 1, steps: ["viewed_product"] },
      { id: "s-2", start: at(2), durationSeconds: 600, steps: ["viewed_product", "added_to_cart"] },
      { id: "s-3", start: at(4), durationSeconds: 120, steps: ["purchased"], revenue: 30, final: false },
    ]);
    for (const [i, metric] of ["conversion_rate", "aov_usd", "payment_failure_rate"].entries()) {
      alertIds.push(await seedAlert(db.admin, { metric, at: at(i), severity: "critical" }));
    }
  });
  after(async () => {
    await served?.app.close();
    await db?.drop();
    lake.remove();
  });

  it("getHealth and getReady", async () => {
    assert.equal((await call("getHealth", "/health", 200)).healthy, true);
    assert.equal((await call("getReady", "/ready", 200)).status, "ready");
  });

  it("getKpis: rollups, and 400 for a bad step, an inverted or a too-wide range", async () => {
    const series = await call("getKpis", `/v1/kpis?from=${iso(0)}&to=${iso(10)}&step=5m`, 200);
    const buckets = series.buckets as Array<Record<string, number>>;
    assert.equal(buckets.length, 2);
    assert.equal(buckets[0]?.purchases, 3);
    assert.equal(buckets[0]?.minutes, 2);
    assert.equal(buckets[1]?.aov_usd, 50);
    await call("getKpis", "/v1/kpis?step=7m", 400);
    await call("getKpis", `/v1/kpis?from=${iso(10)}&to=${iso(0)}`, 400);
    await call("getKpis", "/v1/kpis?from=2020-01-01T00:00:00Z&to=2021-01-01T00:00:00Z&step=1h", 400);
    await call("getKpis", "/v1/kpis?from=not-a-date", 400);
  });

  it("getKpisBreakdown: per value, null measures on category rows; 400 for a missing dimension or a bad limit", async () => {
    const body = await call(
      "getKpisBreakdown",
      `/v1/kpis/breakdown?dimension=country&from=${iso(0)}&to=${iso(10)}`,
      200,
    );
    assert.equal((body.series as unknown[]).length, 1);
    const category = await call(
      "getKpisBreakdown",
      `/v1/kpis/breakdown?dimension=category&from=${iso(0)}&to=${iso(10)}`,
      200,
    );
    const [shoes] = category.series as Array<{ buckets: Array<Record<string, unknown>> }>;
    assert.equal(shoes?.buckets[0]?.revenue_usd, null);
    await call("getKpisBreakdown", "/v1/kpis/breakdown", 400);
    await call("getKpisBreakdown", "/v1/kpis/breakdown?dimension=country&limit=0", 400);
    await call("getKpisBreakdown", `/v1/kpis/breakdown?dimension=device&from=${iso(10)}&to=${iso(0)}`, 400);
  });

  it("getTopProducts: best first; 400 for an unknown order or an inverted range", async () => {
    const body = await call(
      "getTopProducts",
      `/v1/products/top?from=${iso(0)}&to=${iso(60)}&by=add_to_carts`,
      200,
    );
    assert.deepEqual(
      (body.items as Array<{ product_id: string }>).map((i) => i.product_id),
      ["p-2", "p-1"],
    );
    await call("getTopProducts", "/v1/products/top?by=revenue", 400);
    await call("getTopProducts", `/v1/products/top?from=${iso(60)}&to=${iso(0)}`, 400);
  });

  it("getSessionsSummary and getFunnel: figures of the sessions started in the range; 400 for a bad range", async () => {
    const summary = await call(
      "getSessionsSummary",
      `/v1/sessions/summary?from=${iso(0)}&to=${iso(60)}`,
      200,
    );
    assert.equal(summary.sessions, 3);
    assert.equal(summary.provisional_sessions, 1);
    assert.equal(summary.bounce_rate, 1 / 3);
    assert.equal(summary.median_duration_seconds, 120);
    const funnel = await call("getFunnel", `/v1/funnel?from=${iso(0)}&to=${iso(60)}`, 200);
    assert.deepEqual(
      (funnel.steps as Array<{ sessions: number }>).map((s) => s.sessions),
      [2, 1, 0, 0],
    );
    await call("getSessionsSummary", `/v1/sessions/summary?from=${iso(60)}&to=${iso(0)}`, 400);
    await call(
      "getSessionsSummary",
      "/v1/sessions/summary?from=2020-01-01T00:00:00Z&to=2021-01-01T00:00:00Z",
      400,
    );
    await call("getFunnel", "/v1/funnel?to=not-a-date", 400);
    await call("getFunnel", "/v1/funnel?limit=3", 400);
  });

  it("getKpisLatest", async () => {
    const latest = await call("getKpisLatest", "/v1/kpis/latest", 200);
    assert.equal((latest.minute as { window_start: string }).window_start, iso(7));
  });

  it("listAlerts: pages by cursor, filters, and 400 for a foreign cursor or unknown status", async () => {
    const first = await call("listAlerts", "/v1/alerts?limit=2&severity=critical", 200);
    assert.equal((first.items as unknown[]).length, 2);
    assert.ok(typeof first.nextCursor === "string");
    const second = await call(
      "listAlerts",
      `/v1/alerts?limit=2&severity=critical&cursor=${first.nextCursor}`,
      200,
    );
    assert.equal((second.items as unknown[]).length, 1);
    assert.equal(second.nextCursor, null);
    await call("listAlerts", "/v1/alerts?cursor=bm90LWEtY3Vyc29y", 400);
    await call("listAlerts", "/v1/alerts?status=sleeping", 400);
    await call("listAlerts", "/v1/alerts?limit=0", 400);
    await call("listAlerts", "/v1/alerts?limit=Infinity", 400);
  });

  it("acknowledgeAlert and resolveAlert: API key, transitions, 404 and 409", async () => {
    const [a, b] = alertIds;
    await call("acknowledgeAlert", `/v1/alerts/${a}/acknowledge`, 401, post());
    await call("acknowledgeAlert", `/v1/alerts/${a}/acknowledge`, 403, post("wrong"));
    const acked = await call("acknowledgeAlert", `/v1/alerts/${a}/acknowledge`, 200, post(testKey));
    assert.equal(acked.status, "acknowledged");
    await call("acknowledgeAlert", "/v1/alerts/987654321/acknowledge", 404, post(testKey));
    await call("acknowledgeAlert", "/v1/alerts/not-an-id/acknowledge", 400, post(testKey));
    const resolved = await call("resolveAlert", `/v1/alerts/${b}/resolve`, 200, post(testKey));
    assert.equal(resolved.status, "resolved");
    await call("resolveAlert", `/v1/alerts/${b}/resolve`, 200, post(testKey));
    await call("acknowledgeAlert", `/v1/alerts/${b}/acknowledge`, 409, post(testKey));
    await call("resolveAlert", "/v1/alerts/-3/resolve", 400, post(testKey));
    await call("resolveAlert", "/v1/alerts/1e309/resolve", 400, post(testKey));
    await call("resolveAlert", "/v1/alerts/9999999999999999/resolve", 404, post(testKey));
  });

  it("getQuality: quarantine by reason (contract reasons only), duplicates, late, rate", async () => {
    const quality = await call("getQuality", `/v1/quality?from=${iso(0)}&to=${iso(5)}&step=5m`, 200);
    const [bucket] = quality.buckets as Array<Record<string, unknown>>;
    assert.equal(bucket?.records, 150);
    assert.equal(bucket?.quarantined, 5 + 7);
    const byReason = bucket?.quarantined_by_reason as Record<string, number> | undefined;
    assert.equal(byReason?.missing_field, 4);
    assert.equal(byReason?.invalid_type, 1);
    assert.equal("not_a_reason" in (byReason ?? {}), false, "reasons outside the contract are left out");
    assert.equal(bucket?.duplicates, 2);
    assert.equal(bucket?.late, 1);
    assert.equal(bucket?.quarantine_rate, 12 / 150);
    await call("getQuality", "/v1/quality?step=1d", 400);
  });

  it("getQualitySamples: from the lake through Spark; the API key; 400 for an unknown reason or limit", async () => {
    await call("getQualitySamples", "/v1/quality/samples", 401);
    const keyed = post(testKey).headers;
    const samples = await call("getQualitySamples", "/v1/quality/samples?limit=2", 200, { headers: keyed });
    assert.deepEqual(
      (samples.items as Array<{ field: string }>).map((s) => s.field),
      ["session_id", "price"],
    );
    const byReason = await call("getQualitySamples", "/v1/quality/samples?reason=invalid_type", 200, {
      headers: keyed,
    });
    assert.equal((byReason.items as unknown[]).length, 1);
    await call("getQualitySamples", "/v1/quality/samples?reason=gremlins", 400, { headers: keyed });
    await call("getQualitySamples", "/v1/quality/samples?limit=1000", 400, { headers: keyed });
  });

  it("getPipeline", async () => {
    const pipeline = await call("getPipeline", "/v1/pipeline", 200);
    assert.equal((pipeline.stages as unknown[]).length >= 4, true);
  });

  it("getLake: every layer, measured or not, with ages and the last compaction", async () => {
    const lake = await call("getLake", "/v1/lake", 200);
    const layers = lake.layers as Array<Record<string, unknown>>;
    assert.deepEqual(
      layers.map((l) => l.layer),
      ["bronze", "silver", "quarantine", "gold"],
    );
    assert.equal(layers[0]?.files, 82);
    assert.equal(layers[0]?.oldest_partition_age_seconds, 4 * 3600);
    assert.equal((layers[0]?.last_compaction as { files_after: number } | undefined)?.files_after, 2);
    assert.equal(layers[1]?.updated_at, null, "silver was never measured");
    assert.notEqual(layers[3]?.updated_at, null, "gold was measured, empty");
  });

  it("getLakePartitions: hours of a layer; 400 for an unknown layer, an inverted or a too-wide range", async () => {
    const listed = await call("getLakePartitions", `/v1/lake/partitions?layer=bronze&from=${iso(-120)}`, 200);
    assert.deepEqual(
      (listed.partitions as Array<{ files: number }>).map((p) => p.files),
      [1, 40, 40],
    );
    assert.deepEqual(
      (await call("getLakePartitions", "/v1/lake/partitions?layer=silver", 200)).partitions,
      [],
    );
    await call("getLakePartitions", "/v1/lake/partitions?layer=platinum", 400);
    await call("getLakePartitions", "/v1/lake/partitions", 400);
    await call("getLakePartitions", `/v1/lake/partitions?layer=gold&from=${iso(60)}&to=${iso(0)}`, 400);
    await call(
      "getLakePartitions",
      "/v1/lake/partitions?layer=gold&from=2026-01-01T00:00:00Z&to=2026-03-01T00:00:00Z",
      400,
    );
  });

  it("getStream: every message conforms to StreamEvent", async () => {
    const response = await fetch(`${served.base}/v1/stream`);
    assert.equal(response.status, 200);
    const mediaType = response.headers.get("content-type")?.split(";")[0] ?? "";
    const events = sseReader(response);
    try {
      const messages = [await events.next()];
      await seedKpis(db.admin, [{ at: at(30), purchases: 1, failures: 0, sessions: 4, revenue: 12 }]);
      messages.push(await events.next());
      await seedAlert(db.admin, { metric: "events", at: at(30), kind: "data_quality" });
      messages.push(await events.next());
      assert.deepEqual(
        messages.map((m) => m.event),
        ["ready", "kpi", "alert"],
      );
      assert.equal(mediaType, "text/event-stream");
      for (const message of messages) {
        assert.deepEqual(checker.validateStreamEvent("getStream", message), [], message.data);
      }
      covered.add("getStream");
    } finally {
      await events.close();
    }
  });

  it("getMetrics: Prometheus text with the request histogram", async () => {
    const text = await call("getMetrics", "/metrics", 200);
    assert.match(String(text), /ecom_api_request_duration_seconds_bucket\{.*route="\/v1\/kpis"/);
  });

  it("answers an unknown path with a 404 problem", async () => {
    const response = await fetch(`${served.base}/v2/nothing`);
    assert.equal(response.status, 404);
    const body = (await response.json()) as { code: string };
    assert.equal(body.code, "API_ERR_NOT_FOUND");
  });

  it("answers a known path asked with another method with a 405 problem and Allow", async () => {
    for (const [method, path, allow] of [
      ["DELETE", "/v1/kpis", "GET, HEAD, OPTIONS"],
      ["PUT", "/v1/stream", "GET, HEAD, OPTIONS"],
      ["GET", `/v1/alerts/${alertIds[0]}/resolve`, "OPTIONS, POST"],
      ["QUERY", "/v1/alerts/1/acknowledge", "OPTIONS, POST"],
    ] as const) {
      const response = await fetch(`${served.base}${path}`, { method });
      assert.equal(response.status, 405, `${method} ${path}`);
      assert.equal(response.headers.get("allow"), allow);
      assert.equal(((await response.json()) as { code: string }).code, "API_ERR_METHOD_NOT_ALLOWED");
    }
  });

  it("covered every documented operation", () => {
    const documented = operations(doc).map((op) => op.operationId);
    assert.deepEqual(
      documented.filter((id) => !covered.has(id)),
      [],
    );
  });
});
