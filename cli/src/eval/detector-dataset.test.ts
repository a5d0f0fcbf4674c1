import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { cachedRun, generateRun } from "./detector-dataset.js";
import type { RunSpec } from "./detector-plan.js";

const spec: RunSpec = {
  name: "short",
  seed: 11,
  rate: 10,
  startMs: Date.parse("2024-03-10T12:00:00Z"),
  durationMinutes: 20,
  incidents: [{ type: "payment_failure_spike", startOffsetSec: 600, durationSec: 300 }],
};

describe("generateRun: per-country breakdowns beside the kpi_minute series", () => {
  const run = generateRun(spec);
  const dir = mkdtempSync(join(tmpdir(), "ecom-eval-"));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("each minute's countries add up to its kpi_minute counts and revenue", () => {
    const breakdowns = run.breakdowns ?? [];
    assert.ok(new Set(breakdowns.map((b) => b.dimensionValue)).size > 3, "several countries");
    assert.ok(breakdowns.every((b) => b.dimension === "country" && b.isFinal));
    assert.equal(run.points.length, spec.durationMinutes);
    for (const point of run.points) {
      const minute = breakdowns.filter((b) => b.minuteMs === point.minuteMs);
      for (const m of [
        "events",
        "product_views",
        "add_to_carts",
        "checkouts",
        "purchases",
        "payment_failures",
      ] as const) {
        const sum = minute.reduce((t, b) => t + (b.values[m] ?? 0), 0);
        assert.equal(sum, point.values[m], `${m} at ${new Date(point.minuteMs).toISOString()}`);
      }
      const revenue = minute.reduce((t, b) => t + (b.values.revenue_usd ?? 0), 0);
      assert.ok(Math.abs(revenue - (point.values.revenue_usd ?? 0)) < 0.01);
    }
    const end = spec.startMs + spec.durationMinutes * 60_000;
    assert.ok(breakdowns.every((b) => b.minuteMs >= spec.startMs && b.minuteMs < end));
  });

  it("a run read back from the cache is the run generated, NaN measures included", () => {
    const first = cachedRun(spec, dir);
    assert.equal(readdirSync(dir).length, 1);
    const again = cachedRun(spec, dir);
    assert.deepEqual(again, run);
    assert.deepEqual(first, run);
    assert.ok(Number.isNaN(again.breakdowns?.[0]?.values.page_views), "page_views stays NaN");
  });
});
