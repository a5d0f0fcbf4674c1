import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { writeLakeHealth } from "@ecomstream/lake";
import { seedAlert, seedKpis, seedQuality } from "@ecomstream/testkit";
import fc from "fast-check";
import {
  createTestDb,
  listeningApp,
  type TestDb,
  tempLakeConfig,
  testKey,
  writeQuarantineFixture,
} from "./api.fixture.js";
import { seedDimMinutes, seedProductHours } from "./breakdown.fixture.js";
import { requestArbitrary, requestUrl } from "./openapi-arbitraries.js";
import { loadDocument, operations, responseChecker } from "./openapi-contract.js";
import { seedSessions } from "./sessions.fixture.js";

const runs = Number(process.env.ECOM_API_FUZZ_RUNS ?? 60);
const t0 = Date.parse("2026-03-01T00:00:00Z");

/**
 * Property: for requests generated from the document's own parameter schemas (valid, invalid,
 * missing, unknown), the API never answers 5xx and every answer conforms to the document.
 */
describe("openapi.json, fuzzed: no 5xx and no response outside the document (slow)", () => {
  const doc = loadDocument();
  const checker = responseChecker(doc);
  const lake = tempLakeConfig();
  let db: TestDb;
  let served: Awaited<ReturnType<typeof listeningApp>>;

  before(async () => {
    db = await createTestDb();
    await writeQuarantineFixture(lake.config);
    served = await listeningApp(db, { config: lake.config, samples: undefined });
    const minutes = Array.from({ length: 90 }, (_, i) => ({
      at: new Date(t0 + i * 60_000),
      purchases: i % 4,
      failures: i % 3,
      sessions: (i % 7) + (i % 4),
      revenue: (i % 4) * 19.5,
      final: i < 80,
    }));
    await seedKpis(db.admin, minutes);
    await seedDimMinutes(
      db.admin,
      minutes.flatMap((m, i) => [
        { at: m.at, dimension: "country" as const, value: ["DE", "FR", "US"][i % 3] ?? "DE", events: 5 + i },
        { at: m.at, dimension: "category" as const, value: "shoes", events: 2 + (i % 4) },
      ]),
    );
    await seedProductHours(
      db.admin,
      [0, 1].flatMap((h) =>
        ["p-1", "p-2", "p-3"].map((product, i) => ({
          at: new Date(t0 + h * 3_600_000),
          product,
          views: 10 * (i + 1),
          addToCarts: 3 - i,
        })),
      ),
    );
    await seedSessions(
      db.admin,
      minutes.map((m, i) => ({
        id: `s-${i % 30}`,
        start: m.at,
        durationSeconds: (i % 5) * 45,
        steps: (["viewed_product", "added_to_cart", "started_checkout", "purchased"] as const).slice(
          0,
          i % 5,
        ),
        revenue: i % 5 === 4 ? 40 : 0,
        final: m.final,
      })),
    );
    await seedQuality(
      db.admin,
      minutes.map((m, i) => ({
        at: m.at,
        records: 40 + i,
        byReason: { invalid_enum: i % 5 },
        duplicates: i % 2,
      })),
    );
    // two days of hour partitions in every layer, the older half compacted
    await writeLakeHealth(
      db.admin,
      ["bronze", "silver", "quarantine", "gold"].map((layer, l) => {
        const partitions = Array.from({ length: 48 }, (_, h) => ({
          hourMs: t0 - 24 * 3_600_000 + h * 3_600_000,
          files: h < 24 ? 1 : 30 + l,
          bytes: (h + 1) * 10_000,
          compacted: h < 24,
        }));
        return {
          layer,
          files: partitions.reduce((n, p) => n + p.files, 0),
          bytes: partitions.reduce((n, p) => n + p.bytes, 0),
          partitions,
          lastCompaction:
            layer === "gold"
              ? null
              : {
                  at: "2026-03-01T00:30:00Z",
                  filesBefore: 720,
                  filesAfter: 24,
                  bytesBefore: 9,
                  bytesAfter: 8,
                },
        };
      }),
    );
    for (let i = 0; i < 12; i++) {
      await seedAlert(db.admin, {
        metric: `metric_${i}`,
        at: new Date(t0 + i * 300_000),
        status: i % 3 === 0 ? "resolved" : "open",
      });
    }
  });
  after(async () => {
    await served?.app.close();
    await db?.drop();
    lake.remove();
  });

  // the endless event stream has no parameters; the contract test reads and validates it
  for (const op of operations(doc).filter((o) => o.operationId !== "getStream")) {
    it(`${op.method} ${op.path}`, async () => {
      const statuses = new Map<number, number>();
      await fc.assert(
        fc.asyncProperty(requestArbitrary(op, testKey), async (request) => {
          const response = await fetch(requestUrl(served.base, request), {
            method: op.method,
            headers: request.headers,
          });
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          const { problems, body } = await checker.check(op.operationId, response);
          assert.ok(response.status < 500, `${response.status}: ${JSON.stringify(body)}`);
          assert.deepEqual(problems, []);
        }),
        { numRuns: runs },
      );
      // the generator reaches both sides: some requests accepted, some refused (when there are parameters)
      if (op.parameters.length > 0) {
        const codes = [...statuses.keys()];
        assert.ok(codes.some((c) => c < 300) || op.security, `no success among ${codes.join(", ")}`);
        assert.ok(
          codes.some((c) => c >= 400),
          `no refusal among ${codes.join(", ")}`,
        );
      }
    });
  }
});
