import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DetectorEngine, simulate } from "./engine.js";
import { minute, normalShape, series } from "./kpi-series.fixture.js";
import { alertMessage } from "./message.js";
import type { KpiPoint } from "./types.js";

const outage = (from: number, to: number) => (i: number) =>
  i >= from && i < to ? { ...normalShape, conversion: 0 } : normalShape;

describe("alert lifecycle (simulated)", () => {
  it("one alert per metric per incident, resolved after five normal minutes", () => {
    const alerts = simulate(series(0, 100, outage(70, 78), 2));
    const purchases = alerts.filter((a) => a.metric === "purchases");
    assert.equal(purchases.length, 1);
    const a = purchases[0];
    assert.equal(a?.openedMs, minute(70));
    assert.equal(a?.lastSeenMs, minute(77));
    assert.equal(a?.resolvedMs, minute(82));
    assert.equal(a?.kind, "business");
    assert.equal(new Set(alerts.map((x) => x.metric)).size, alerts.length);
  });

  it("nothing on incident-free traffic, and provisional minutes wait for their data", () => {
    assert.deepEqual(simulate(series(0, 240, () => normalShape, 8)), []);
    const engine = new DetectorEngine();
    const point: KpiPoint = { ...(series(0, 1)[0] as KpiPoint), isFinal: false };
    assert.equal(engine.judgeable(point, point.minuteMs + 60_000 + 10_000), false);
    assert.equal(engine.judgeable(point, point.minuteMs + 60_000 + 91_000), true);
    assert.equal(engine.judgeable({ ...point, isFinal: true }, point.minuteMs + 60_000), true);
  });

  it("a drop with a quarantine spike is a data-quality alert", () => {
    const quality = Array.from({ length: 100 }, (_, i) => ({
      minuteMs: minute(i),
      records: 1000,
      quarantined: i >= 70 && i < 78 ? 600 : 20,
    }));
    const alerts = simulate(series(0, 100, outage(70, 78), 2), quality);
    const purchases = alerts.find((a) => a.metric === "purchases");
    assert.equal(purchases?.kind, "data_quality");
    assert.match(purchases?.message ?? "", /60% of records quarantined/);
  });

  it("a message a person understands", () => {
    const text = alertMessage(
      { label: "purchases/min", unit: "count" },
      {
        observed: 0,
        expected: 41.2,
        spread: 6.4,
        sinceMs: Date.parse("2024-05-01T12:03:00Z"),
        method: "robust_z",
      },
    );
    assert.equal(text, "purchases/min 0 vs expected 41 ± 6 since 12:03 UTC (robust_z)");
  });
});
