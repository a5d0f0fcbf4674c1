import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { layerSpecs } from "@ecomstream/lake-model";
import { SparkError, type SparkSession } from "@ecomstream/spark-connect";
import { closedPredicate, compactTable } from "./compact.js";
import type { LakeStore } from "./store.js";

describe("closedPredicate", () => {
  const spec = layerSpecs({
    root: "file:///l",
    bronze: "file:///l/b",
    silver: "file:///l/s",
    quarantine: "file:///l/q",
    gold: "file:///l/g",
  }).bronze;
  const nowMs = Date.parse("2026-12-06T10:20:00Z");
  const before = (hour: number) =>
    `NOT (ingest_date > DATE'2026-12-06' OR (ingest_date = DATE'2026-12-06' AND hour >= ${hour}))`;

  it("takes the hours that ended closedAfter ago: 08:00-09:00 ended 80 minutes ago, 09:00-10:00 only 20", () => {
    assert.equal(closedPredicate(spec, { closedAfterMs: 30 * 60_000, targetFileBytes: 1, nowMs }), before(9));
    assert.equal(
      closedPredicate(spec, { closedAfterMs: 10 * 60_000, targetFileBytes: 1, nowMs }),
      before(10),
    );
  });

  it("takes the open hour too with a negative closedAfter of an hour", () => {
    assert.equal(closedPredicate(spec, { closedAfterMs: -3_600_000, targetFileBytes: 1, nowMs }), before(11));
  });

  it("keeps to [from, to) within the closed hours, and gives null when nothing is left", () => {
    const options = { closedAfterMs: 0, targetFileBytes: 1, nowMs };
    assert.equal(
      closedPredicate(spec, {
        ...options,
        from: { date: "2026-12-06", hour: 3 },
        to: { date: "2026-12-06", hour: 5 },
      }),
      `${before(5)} AND (ingest_date > DATE'2026-12-06' OR (ingest_date = DATE'2026-12-06' AND hour >= 3))`,
    );
    assert.equal(
      closedPredicate(spec, { ...options, to: { date: "2026-12-07", hour: 0 } }),
      before(10),
      "a `to` after the closed hours does not open the current one",
    );
    assert.equal(closedPredicate(spec, { ...options, from: { date: "2026-12-06", hour: 10 } }), null);
  });

  it("leaves partitions a concurrent commit changed to the next run, and passes other errors on", async () => {
    const store = { children: async () => ["00000000000000000000.json"] } as unknown as LakeStore;
    const failing = (error: Error) =>
      ({
        conf: { set: async () => {} },
        sql: async () => {
          throw error;
        },
      }) as unknown as SparkSession;
    const options = { closedAfterMs: 0, targetFileBytes: 1, nowMs };
    const fields = {
      messageParameters: {},
      grpcCode: 2,
      exceptionClasses: [],
      sqlState: undefined,
      errorId: undefined,
    };
    const lost = new SparkError("Files were added to partition", {
      ...fields,
      errorClass: "DELTA_CONCURRENT_DELETE_READ",
    });
    const report = await compactTable(failing(lost), store, spec, options);
    assert.equal(report.partitions, 0);
    assert.match(report.skipped ?? "", /concurrent commit/);
    const other = new SparkError("boom", { ...fields, errorClass: "DELTA_SOMETHING_ELSE" });
    await assert.rejects(compactTable(failing(other), store, spec, options), /boom/);
  });
});
