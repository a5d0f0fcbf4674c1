import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { completeUpToMs, ingestHoursPredicate, qualityMinutes } from "./quality-plan.js";

const m = (i: number) => Date.UTC(2026, 2, 3, 11, 58) + i * 60_000;

describe("quality_minute planning", () => {
  it("a minute is complete once silver holds a later one, or when quiet and caught up", () => {
    assert.equal(completeUpToMs(null, null, m(10)), null);
    assert.equal(completeUpToMs(m(3) + 5, m(2) + 9, m(3) + 10), m(2), "silver is in minute 2");
    assert.equal(completeUpToMs(m(3) + 5, m(3) + 1, m(3) + 10), m(3), "not quiet yet");
    assert.equal(completeUpToMs(m(3) + 5, m(3) + 1, m(4) + 30_000), m(4), "quiet and caught up");
    assert.equal(completeUpToMs(m(3) + 5, m(1), m(9)), m(1), "quiet but behind: wait for silver");
    assert.equal(completeUpToMs(m(3) + 5, m(1), m(9), undefined, 0), m(4), "the rest were dropped copies");
  });

  it("prunes bronze and quarantine by ingest hour partitions, across days", () => {
    assert.equal(ingestHoursPredicate(m(0), m(0)), "FALSE");
    assert.equal(ingestHoursPredicate(m(0), m(3)), "(ingest_date = DATE'2026-03-03' AND hour IN (11, 12))");
    assert.equal(
      ingestHoursPredicate(Date.UTC(2026, 2, 3, 23, 30), Date.UTC(2026, 2, 4, 0, 10)),
      "(ingest_date = DATE'2026-03-03' AND hour IN (23)) OR (ingest_date = DATE'2026-03-04' AND hour IN (0))",
    );
  });

  it("duplicates are the valid records silver dropped; minutes outside the span are left out", () => {
    const rows = qualityMinutes(
      {
        bronze: new Map([
          [m(0), 10],
          [m(1), 4],
          [m(5), 1],
        ]),
        quarantine: new Map([
          [
            m(0),
            new Map([
              ["missing_field", 1],
              ["invalid_json", 2],
            ]),
          ],
        ]),
        silver: new Map([
          [m(0), { rows: 6, late: 1 }],
          [m(1), { rows: 4, late: 0 }],
        ]),
      },
      m(0),
      m(2),
    );
    assert.deepEqual(rows, [
      {
        minuteMs: m(0),
        records: 10,
        valid: 7,
        quarantined: 3,
        quarantinedByReason: { invalid_json: 2, missing_field: 1 },
        duplicates: 1,
        late: 1,
      },
      {
        minuteMs: m(1),
        records: 4,
        valid: 4,
        quarantined: 0,
        quarantinedByReason: {},
        duplicates: 0,
        late: 0,
      },
    ]);
  });
});
