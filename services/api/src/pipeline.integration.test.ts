import assert from "node:assert/strict";
import type { Server } from "node:http";
import { after, before, describe, it } from "node:test";
import { startStageServer } from "@ecomstream/stage";
import { seedKpis } from "@ecomstream/testkit";
import { Registry } from "prom-client";
import { createTestDb, type TestDb, testApp, testConfig } from "./api.fixture.js";

const now = new Date("2026-03-03T12:00:00Z");

describe("GET /v1/pipeline", () => {
  let db: TestDb;
  let app: Awaited<ReturnType<typeof testApp>>;
  let silver: Server;
  let closedPort: number;
  before(async () => {
    db = await createTestDb();
    // silver answers /health as a stage does; gold and loader point at a port nobody listens on
    silver = await startStageServer(
      0,
      () => ({
        stage: "silver-writer",
        healthy: false,
        queries: [
          {
            name: "ecom_silver",
            phase: "running",
            lastBatchAt: "2026-03-03T11:59:50.000Z",
            inputRowsPerSecond: 120,
          },
          {
            name: "ecom_quarantine",
            phase: "backoff",
            lastBatchAt: "2026-03-03T11:59:40.000Z",
            inputRowsPerSecond: 3,
            lastError: { message: "boom" },
          },
        ],
      }),
      new Registry(),
    );
    const probe = await startStageServer(0, () => ({ healthy: true }), new Registry());
    closedPort = (probe.address() as { port: number }).port;
    await new Promise((resolve) => probe.close(resolve));
    const config = testConfig();
    const port = (silver.address() as { port: number }).port;
    app = await testApp(db, {
      now: () => now,
      config: {
        ...config,
        pipeline: {
          ...config.pipeline,
          ports: { bronze: closedPort, silver: port, gold: closedPort, loader: closedPort },
        },
      },
      probeStage: undefined,
    });
    await db.admin.query(
      `insert into serving.pipeline_stage (stage, last_batch_at, input_rows_per_second, lag_records, freshness_seconds, details, updated_at)
       values ('bronze-writer', '2026-03-03T11:59:58Z', 5000, 1200, 2.5, '{"healthy": true}', '2026-03-03T11:59:59Z'),
              ('anomaly-detector', null, null, null, null, '{}', '2026-03-03T11:59:00Z')`,
    );
    await seedKpis(db.admin, [
      { at: new Date("2026-03-03T11:58:00Z"), purchases: 1, failures: 0, sessions: 2, revenue: 5 },
    ]);
    await db.admin.query("update serving.kpi_minute set updated_at = '2026-03-03T11:59:30Z'");
  });
  after(async () => {
    await app?.close();
    await new Promise((resolve) => silver?.close(resolve));
    await db?.drop();
  });

  it("reports the table's figures, else the stage's /health, else none; and serving's freshness", async () => {
    const res = await app.inject("/v1/pipeline");
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.deepEqual(
      body.stages.map((s: { stage: string; source: string }) => `${s.stage}:${s.source}`),
      [
        "bronze-writer:table",
        "silver-writer:health",
        "gold-writer:none",
        "loader:none",
        "anomaly-detector:table",
      ],
    );
    const [bronze, silverStage, gold] = body.stages;
    assert.equal(bronze.lag_records, 1200);
    assert.equal(bronze.input_rows_per_second, 5000);
    assert.equal(bronze.healthy, true);
    assert.equal(
      bronze.freshness_seconds,
      2.5 + 1,
      "the stored figure aged by the second since it was written",
    );
    assert.equal(silverStage.healthy, false);
    assert.equal(silverStage.last_batch_at, "2026-03-03T11:59:50.000Z");
    assert.equal(silverStage.freshness_seconds, 10);
    assert.equal(silverStage.input_rows_per_second, 123);
    assert.equal(silverStage.lag_records, null);
    assert.equal(silverStage.detail, "boom");
    assert.equal(gold.healthy, null);
    assert.match(gold.detail, /does not answer/);
    assert.equal(body.serving.newest_window_end, "2026-03-03T11:59:00.000Z");
    assert.equal(body.serving.freshness_seconds, 30);
  });
});
