import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type ReasonCode, reasonCodes, validateRecord } from "@ecomstream/contracts";
import { testOptions } from "./generator.fixture.js";
import { RecordGenerator } from "./records.js";

const take = (gen: RecordGenerator, n: number) => Array.from({ length: n }, () => gen.next());

describe("RecordGenerator", () => {
  it("same seed, options and start give byte-identical records", () => {
    const o = testOptions({ incidents: [{ type: "price_glitch", startOffsetSec: 10, durationSec: 30 }] });
    const a = take(new RecordGenerator(o, o.startMs!), 5000);
    const b = take(new RecordGenerator(o, o.startMs!), 5000);
    assert.deepEqual(
      a.map((r) => [r.key, r.value, r.timestampMs]),
      b.map((r) => [r.key, r.value, r.timestampMs]),
    );
    const c = take(new RecordGenerator({ ...o, seed: 1235 }, o.startMs!), 50);
    assert.notDeepEqual(
      c.map((r) => r.value),
      a.slice(0, 50).map((r) => r.value),
    );
  });

  it("the records it calls invalid are exactly those the contract rejects, with the same reason and field", () => {
    const o = testOptions({
      invalid: Object.fromEntries(reasonCodes.map((r) => [r, 0.03])) as Record<ReasonCode, number>,
    });
    const records = take(new RecordGenerator(o, o.startMs!), 6000);
    const seen = new Set<string>();
    for (const r of records) {
      const verdict = validateRecord(r.value, new Date(r.timestampMs));
      if (r.kind === "invalid") {
        assert.deepEqual(
          verdict.ok ? "valid" : [verdict.reason, verdict.field],
          [r.reason, r.field],
          r.value,
        );
        seen.add(r.reason as string);
      } else {
        assert.ok(verdict.ok, `${r.kind} record rejected: ${JSON.stringify(verdict)} ${r.value}`);
        if (r.event) assert.deepEqual(verdict.event, r.event);
      }
    }
    assert.deepEqual(
      [...reasonCodes].filter((c) => !seen.has(c)),
      [],
    );
  });

  it("mixes in about the requested shares of invalid, duplicate and late records", () => {
    const o = testOptions();
    const records = take(new RecordGenerator(o, o.startMs!), 20_000);
    const share = (kind: string) => records.filter((r) => r.kind === kind).length / records.length;
    assert.ok(Math.abs(share("invalid") - 0.02) < 0.005, `invalid ${share("invalid")}`);
    assert.ok(Math.abs(share("duplicate") - 0.01) < 0.004, `duplicate ${share("duplicate")}`);
    assert.ok(Math.abs(share("late") - 0.01) < 0.004, `late ${share("late")}`);
    for (const r of records.filter((x) => x.kind === "late")) {
      const lateness = (r.timestampMs - r.eventTimeMs) / 1000;
      assert.ok(lateness >= o.lateMinSec && lateness <= o.lateMaxSec + 1, String(lateness));
    }
  });

  it("traffic follows the time of day; --flat keeps the requested rate at every hour", () => {
    /** Records per second of event time over the first 20,000 records from `start`. */
    const rateAt = (start: string, flat: boolean) => {
      const startMs = Date.parse(start);
      const o = testOptions({ rate: 1000, startMs, flat });
      const records = take(new RecordGenerator(o, startMs), 20_000);
      return records.length / ((records.at(-1)!.timestampMs - startMs) / 1000);
    };
    const near = (actual: number, expected: number) =>
      assert.ok(
        Math.abs(actual - expected) < expected * 0.08,
        `${actual.toFixed(0)}/s, expected ${expected}/s`,
      );
    near(rateAt("2026-11-26T07:00:00Z", false), 550);
    near(rateAt("2026-11-26T19:00:00Z", false), 1450);
    near(rateAt("2026-11-26T07:00:00Z", true), 1000);
    near(rateAt("2026-11-26T19:00:00Z", true), 1000);
  });

  it("the first seconds already carry the requested rate, at low and high rates", () => {
    for (const rate of [1000, 5000, 15000]) {
      const startMs = Date.parse("2026-11-26T12:00:00Z");
      const gen = new RecordGenerator(testOptions({ rate, startMs, flat: true }), startMs);
      let first20s = 0;
      for (let r = gen.next(); r.timestampMs < startMs + 20_000; r = gen.next()) first20s++;
      const perSecond = first20s / 20;
      assert.ok(Math.abs(perSecond - rate) < rate * 0.05, `${rate}/s asked, ${perSecond.toFixed(0)}/s made`);
    }
  });

  it("duplicates repeat an earlier record's value and key", () => {
    const o = testOptions({ duplicateRatio: 0.05 });
    const records = take(new RecordGenerator(o, o.startMs!), 5000);
    const values = new Map<string, string>();
    for (const r of records) {
      if (r.kind === "duplicate") assert.equal(values.get(r.value), r.key);
      else values.set(r.value, r.key);
    }
  });

  it("keys every record by its session id and walks the funnel", () => {
    const o = testOptions();
    const records = take(new RecordGenerator(o, o.startMs!), 20_000);
    for (const r of records.filter((x) => x.event)) assert.equal(r.key, r.event?.session_id);
    const types = new Set(records.map((r) => r.eventType));
    assert.equal(types.size, 7);
  });

  it("incidents change behaviour inside their span only", () => {
    const start = Date.parse("2024-03-10T12:00:00Z");
    const o = testOptions({
      incidents: [{ type: "checkout_outage", startOffsetSec: 120, durationSec: 120 }],
    });
    const records = take(new RecordGenerator(o, start), 8000).filter((r) => r.kind === "valid");
    const inside = (r: { eventTimeMs: number }) =>
      r.eventTimeMs >= start + 150_000 && r.eventTimeMs < start + 240_000;
    assert.equal(records.filter((r) => inside(r) && r.eventType === "checkout_started").length, 0);
    assert.ok(records.filter((r) => !inside(r) && r.eventType === "checkout_started").length > 10);
  });
});
