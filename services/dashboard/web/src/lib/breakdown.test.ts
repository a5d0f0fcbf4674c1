import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { BreakdownSeries } from "../api/types.js";
import { measuresOf, totalOf, valuesAt } from "./breakdown.js";

const bucket = (start: string, events: number, revenue: number | null) => ({
  window_start: start,
  window_end: start,
  minutes: 1,
  is_final: true,
  events,
  product_views: events,
  add_to_carts: 0,
  checkouts: revenue === null ? null : 0,
  purchases: revenue === null ? null : 1,
  payment_failures: revenue === null ? null : 0,
  revenue_usd: revenue,
  unique_sessions: 1,
});

describe("breakdown helpers", () => {
  const series: BreakdownSeries = {
    dimension_value: "DE",
    events: 7,
    buckets: [bucket("2026-01-01T00:00:00.000Z", 3, 10.1), bucket("2026-01-01T00:02:00.000Z", 4, 0.2)],
  };

  it("sums a measure over the buckets, to the cent", () => {
    assert.equal(totalOf(series, "events"), 7);
    assert.equal(totalOf(series, "revenue_usd"), 10.3);
  });

  it("a measure category rows do not carry totals null", () => {
    const category = { ...series, buckets: [bucket("2026-01-01T00:00:00.000Z", 3, null)] };
    assert.equal(totalOf(category, "purchases"), null);
    assert.deepEqual(
      measuresOf("category").map((m) => m.id),
      ["events", "product_views", "add_to_carts", "unique_sessions"],
    );
    assert.equal(measuresOf("country").length, 8);
  });

  it("aligns buckets to the chart's times, gaps null", () => {
    const t0 = Date.parse("2026-01-01T00:00:00.000Z") / 1000;
    assert.deepEqual(valuesAt([t0, t0 + 60, t0 + 120], series, "events"), [3, null, 4]);
  });
});
