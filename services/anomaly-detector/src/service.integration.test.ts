import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createLogger } from "@ecomstream/runtime";
import { until } from "@ecomstream/testkit";
import { DetectorEngine } from "./engine.js";
import { insertKpis, type TempDatabase, tempDatabase } from "./kpi-database.fixture.js";
import { normalShape, series } from "./kpi-series.fixture.js";
import { DetectorService } from "./service.js";

describe("detector service: a failed pass is counted and retried; the loop goes on", () => {
  let db: TempDatabase;
  let service: DetectorService | undefined;

  before(async () => {
    db = await tempDatabase();
    await insertKpis(
      db.pool,
      series(0, 5, () => normalShape, 3),
    );
  });
  after(async () => {
    await service?.stop();
    await db?.drop();
  });

  it("fails while kpi_minute is unreadable, degraded not down, then judges again by itself", async () => {
    // the table goes away under the detector (as while Postgres restarts or a migration runs)
    await db.pool.query("ALTER TABLE serving.kpi_minute RENAME TO kpi_minute_away");
    service = new DetectorService({
      pool: db.writer(),
      engine: new DetectorEngine(),
      logger: createLogger("detector-service-test"),
      pollMs: 300,
    });
    await service.start();
    const errors = async () => (await service?.metrics.passErrors.get())?.values[0]?.value ?? 0;
    await until("two failed passes", async () => (await errors()) >= 2, 60_000);
    const failing = service.health();
    assert.equal(failing.healthy, true, "a failing pass leaves the detector degraded, not down");
    assert.equal(failing.degraded, true);
    assert.match(failing.degradedReasons?.join(" ") ?? "", /detection pass failed \d+x in a row/);
    assert.equal(failing.lastPassAt, null);

    await db.pool.query("ALTER TABLE serving.kpi_minute_away RENAME TO kpi_minute");
    await until("a pass after the table is back", () => service?.health().lastPassAt !== null, 60_000);
    const recovered = service.health();
    assert.equal(recovered.degraded, false, JSON.stringify(recovered));
  });
});
