import assert from "node:assert/strict";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { computeKpiMinutes, type EcomEvent, validateRecord } from "@ecomstream/contracts";
import { memorySink, testOptions } from "./generator.fixture.js";
import type { Manifest } from "./manifest.js";
import { runGenerator } from "./run.js";

describe("runGenerator", () => {
  it("stops at --count; the manifest matches what the sink acknowledged", async () => {
    const sink = memorySink();
    const result = await runGenerator(testOptions({ count: 4000 }), { sink, batchSize: 300 });
    assert.equal(result.stoppedBy, "count");
    assert.equal(sink.records.length, 4000);
    const m = result.manifest;
    assert.equal(m.records.total, 4000);
    assert.equal(
      m.expected.bronzeRecords,
      m.expected.silverRows + m.expected.quarantineRows + m.expected.droppedDuplicates,
    );
    assert.equal(
      Object.values(m.byType).reduce((a, b) => a + b, 0),
      4000,
    );
    assert.equal(
      Object.values(m.byMinute).reduce((a, b) => a + b.total, 0),
      4000,
    );
    assert.equal(m.invalidRecords.length, m.records.invalid);
  });

  it("its expected kpi_minute rows are what the contract computes from the valid, deduplicated records", async () => {
    const sink = memorySink();
    const { manifest } = await runGenerator(testOptions({ count: 5000, duplicateRatio: 0.03 }), { sink });
    const seen = new Set<string>();
    const events: EcomEvent[] = [];
    const rejected: Record<string, number> = {};
    let duplicates = 0;
    for (const r of sink.records) {
      const v = validateRecord(r.value, new Date(r.timestampMs));
      if (!v.ok) {
        rejected[v.reason] = (rejected[v.reason] ?? 0) + 1;
        continue;
      }
      if (seen.has(v.event.event_id)) duplicates++;
      else {
        seen.add(v.event.event_id);
        events.push(v.event);
      }
    }
    assert.equal(duplicates, manifest.records.duplicates);
    assert.deepEqual(
      rejected,
      Object.fromEntries(Object.entries(manifest.invalidByReason).filter(([, n]) => n > 0)),
    );
    const expected = computeKpiMinutes(events);
    assert.equal(manifest.kpiMinute.length, expected.length);
    manifest.kpiMinute.forEach((row, i) => {
      const want = expected[i]!;
      for (const [k, v] of Object.entries(want)) {
        const got = row[k as keyof typeof row];
        if (typeof v === "number" && !Number.isInteger(v))
          assert.ok(Math.abs((got as number) - v) <= 1e-9 * Math.abs(v), k);
        else assert.equal(got, v, k);
      }
    });
  });

  it("on abort, flushes in-flight batches and still writes the manifest", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ecom-generator-"));
    const manifestPath = join(dir, "manifest.json");
    const sink = memorySink(5);
    const stop = new AbortController();
    setTimeout(() => stop.abort(), 150);
    const result = await runGenerator(testOptions({ manifestPath }), {
      sink,
      signal: stop.signal,
      batchSize: 200,
    });
    assert.equal(result.stoppedBy, "signal");
    const written = JSON.parse(readFileSync(manifestPath, "utf8")) as Manifest;
    assert.ok(written.records.total > 0);
    assert.equal(written.records.total, sink.records.length);
    assert.equal(written.run.stoppedBy, "signal");
  });

  it("paces to --rate and stops at --duration", async () => {
    const sink = memorySink();
    const result = await runGenerator(
      testOptions({ rate: 2000, durationSec: 1, startMs: Date.parse("2024-03-10T19:00:00Z") }),
      { sink },
    );
    assert.equal(result.stoppedBy, "duration");
    // 2000/s times the day curve at 19:00 UTC (1.45): about 2,900 in one second.
    assert.ok(sink.records.length > 1500 && sink.records.length < 4500, String(sink.records.length));
  });

  it("writes the manifest and rethrows when the sink fails", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ecom-generator-"));
    const manifestPath = join(dir, "manifest.json");
    let calls = 0;
    const sink = {
      async send() {
        calls++;
        if (calls > 2) throw new Error("broker gone");
      },
      async close() {},
    };
    await assert.rejects(
      runGenerator(testOptions({ count: 10_000, manifestPath }), { sink, batchSize: 100, maxInFlight: 1 }),
      /broker gone/,
    );
    const written = JSON.parse(readFileSync(manifestPath, "utf8")) as Manifest;
    assert.equal(written.run.stoppedBy, "error");
    assert.equal(written.records.total, 200);
  });
});
