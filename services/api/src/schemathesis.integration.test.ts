import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
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
import {
  ensureSchemathesis,
  runSchemathesis,
  schemathesisConfig,
  schemathesisVersion,
} from "./schemathesis.js";
import { seedSessions } from "./sessions.fixture.js";

const t0 = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000 - 3_600_000);
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

/**
 * schemathesis (PyPI, pinned; written by others, from the document alone) against the running API
 * over a real Postgres and Spark: every check it has, a few examples per operation, must pass.
 */
describe(`schemathesis ${schemathesisVersion} finds no failure in the running API`, () => {
  const lake = tempLakeConfig();
  const work = mkdtempSync(join(tmpdir(), "ecom-api-schemathesis-"));
  let db: TestDb;
  let served: Awaited<ReturnType<typeof listeningApp>>;
  let st: string;

  before(async () => {
    st = await ensureSchemathesis(lake.config.cache);
    db = await createTestDb();
    await writeQuarantineFixture(lake.config);
    await seedKpis(db.admin, [
      { at: at(0), purchases: 3, failures: 1, sessions: 12, revenue: 90 },
      { at: at(1), purchases: 0, failures: 0, sessions: 0, revenue: 0, final: false },
      { at: at(2), purchases: 5, failures: 0, sessions: 20, revenue: 250 },
    ]);
    await seedQuality(db.admin, [{ at: at(0), records: 100, byReason: { missing_field: 3 }, duplicates: 2 }]);
    await seedDimMinutes(db.admin, [
      { at: at(0), dimension: "country", value: "DE", events: 10, purchases: 1, revenue: 20 },
      { at: at(1), dimension: "category", value: "shoes", events: 4 },
    ]);
    await seedProductHours(db.admin, [{ at: at(0), product: "p-1", views: 30, addToCarts: 2 }]);
    await seedSessions(db.admin, [
      { id: "s-1", start: at(0), durationSeconds: 300, steps: ["viewed_product", "purchased"], revenue: 25 },
      { id: "s-2", start: at(1), final: false },
    ]);
    for (const [i, metric] of ["conversion_rate", "aov_usd"].entries()) {
      await seedAlert(db.admin, { metric, at: at(i), severity: "critical" });
    }
    // the fuzzer sends many wrong keys on purpose: the per-client limit of wrong keys would end its run
    served = await listeningApp(db, {
      config: lake.config,
      samples: undefined,
      keyAttempts: { max: 100_000, windowMs: 60_000 },
    });
  });
  after(async () => {
    await served?.app.close();
    await db?.drop();
    lake.remove();
    rmSync(work, { recursive: true, force: true });
  });

  it("st run with every check passes", async () => {
    const { code, output } = await runSchemathesis(
      st,
      [
        "--config-file",
        schemathesisConfig,
        "run",
        `${served.base}/openapi.json`,
        "--checks",
        "all",
        "--header",
        `x-api-key: ${testKey}`,
        "--max-examples",
        "8",
        "--seed",
        "17",
        "--workers",
        "2",
        // a samples request that finds its cache empty waits for a Spark scan: seconds on a loaded machine
        "--request-timeout",
        "30",
        "--max-response-time",
        "30",
        "--no-color",
        "--generation-database",
        "none",
        "--report",
        "junit",
        "--report-dir",
        work,
      ],
      work,
    );
    assert.equal(code, 0, output);
  });
});
