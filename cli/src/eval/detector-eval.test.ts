import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import type { Judge } from "@ecomstream/anomaly-detector";
import { type LabelledRun, targets } from "@ecomstream/anomaly-detector/eval";
import { loadConfig } from "@ecomstream/runtime";
import { evalCacheDir, evalRuns, evaluateDetector } from "./detector-eval.js";

const never: Judge = () => [];
const always: Judge = (_series, current) =>
  ["purchases", "events", "aov_usd", "payment_failure_rate"].map((metric) => ({
    metric,
    method: "always",
    status: "anomalous" as const,
    observed: 0,
    expected: 1,
    spread: 1,
    score: 99,
    severity: "critical" as const,
    direction: current.minuteMs % 120_000 === 0 ? ("up" as const) : ("down" as const),
  }));
/** Fires on every minute but resolves in between: many short alerts, as a jittery detector would. */
const flapping: Judge = (series, current) =>
  (current.minuteMs / 60_000) % 7 === 0
    ? always(series, current)
    : always(series, current).map((v) => ({
        metric: v.metric,
        method: v.method,
        status: "normal",
        observed: 1,
        expected: 1,
        spread: 1,
        score: 0,
      }));

describe("detector evaluation on the generator's labelled traffic (slow)", () => {
  let runs: LabelledRun[];
  before(() => {
    runs = evalRuns({}, evalCacheDir(loadConfig()));
  });

  it("the configured detector meets every target", () => {
    const report = evaluateDetector(runs);
    assert.deepEqual(report.failures, []);
    assert.ok((report.overall.recall ?? 0) >= targets.recall);
    assert.ok((report.overall.precision ?? 0) >= targets.precision);
    assert.ok((report.overall.medianDelayMinutes ?? Number.POSITIVE_INFINITY) <= targets.medianDelayMinutes);
    assert.ok((report.normal.falseAlertsPerDay ?? Number.POSITIVE_INFINITY) <= targets.falseAlertsPerDay);
    assert.ok(report.normal.days >= 1, "at least one simulated day of incident-free traffic");
    assert.equal(report.byType.length, 5, "every incident type of the generator");
    for (const t of report.byType) assert.ok(t.incidents > 0, t.type);
  });

  it("a detector that never fires fails recall, precision and delay", () => {
    const report = evaluateDetector(runs, { judge: never, breakdowns: [] });
    assert.equal(report.pass, false);
    assert.equal(report.overall.recall, 0);
    assert.ok(report.failures.some((f) => f.startsWith("recall")));
    assert.ok(report.failures.some((f) => f.startsWith("precision")));
    assert.ok(report.failures.some((f) => f.startsWith("median delay")));
  });

  it("a detector that always fires fails precision and false alerts per day", () => {
    for (const judge of [always, flapping]) {
      const report = evaluateDetector(runs, { judge, breakdowns: [] });
      assert.equal(report.pass, false);
      assert.ok(report.failures.some((f) => f.startsWith("precision")));
      assert.ok(report.failures.some((f) => f.startsWith("false alerts/day")));
    }
  });
});
