import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { metricSpecs } from "./detectors.js";
import { ewma } from "./ewma.js";
import { minute, normalShape, series } from "./kpi-series.fixture.js";
import type {
  EwmaSpec,
  MetricSpec,
  RateAboveSpec,
  RobustZSpec,
  SurgeSpec,
  ZeroWhileBusySpec,
} from "./metric-spec.js";
import { robustZ } from "./robust-z.js";
import { rateAbove, surge, zeroWhileBusy } from "./rules.js";
import { MinuteSeries } from "./series.js";
import { binomialTailAtLeast, mad, median } from "./stats.js";
import type { KpiPoint } from "./types.js";

const spec = (metric: string): MetricSpec => {
  const found = metricSpecs.find((s) => s.metric === metric);
  if (!found) throw new Error(metric);
  return found;
};
const methodOf = <T>(metric: string, name: string): T =>
  spec(metric).methods.find((m) => m.method === name) as T;
const history = series(0, 60, () => normalShape, 5);
const at = (
  i: number,
  change: Partial<KpiPoint["values"]>,
  base: KpiPoint = history[30] as KpiPoint,
): KpiPoint => ({
  minuteMs: minute(i),
  isFinal: true,
  values: { ...base.values, ...change },
});

describe("stats", () => {
  it("median, MAD and the binomial tail", () => {
    assert.equal(median([3, 1, 2]), 2);
    assert.equal(median([4, 1, 2, 3]), 2.5);
    assert.equal(mad([1, 2, 3, 4, 100]), 1);
    assert.ok(Math.abs(binomialTailAtLeast(1, 10, 0.5) - (1 - 0.5 ** 10)) < 1e-12);
    assert.ok(Math.abs(binomialTailAtLeast(8, 10, 0.5) - 56 / 1024) < 1e-12);
    assert.equal(binomialTailAtLeast(0, 10, 0.1), 1);
    assert.equal(binomialTailAtLeast(11, 10, 0.1), 0);
  });
});

describe("robust z-score", () => {
  const purchases = spec("purchases");
  const method = methodOf<RobustZSpec>("purchases", "robust_z");

  it("stays normal on ordinary minutes and fires on a drop", () => {
    for (const point of series(60, 120, () => normalShape, 9)) {
      const v = robustZ(purchases, method, point, history);
      assert.equal(v.status, "normal", `minute ${point.minuteMs}`);
    }
    const drop = robustZ(purchases, method, at(60, { purchases: 0 }), history);
    assert.equal(drop.status, "anomalous");
    if (drop.status === "anomalous") {
      assert.equal(drop.direction, "down");
      assert.ok(drop.expected > 10 && drop.spread > 0);
    }
  });

  it("ignores the direction it does not watch", () => {
    const surgeUp = robustZ(purchases, method, at(60, { purchases: 200 }), history);
    assert.equal(surgeUp.status, "normal");
  });

  it("skips with a short baseline, and gaps are omitted rather than read as zeros", () => {
    assert.deepEqual(robustZ(purchases, method, at(60, { purchases: 0 }), history.slice(0, 5)), {
      status: "skip",
      reason: "short baseline",
    });
    // a window with gaps (every third minute missing) judges as well as a full one
    const gappy = new MinuteSeries(history.filter((_, i) => i % 3 !== 0)).trailing(minute(60), 60);
    assert.equal(gappy.length, 40);
    assert.equal(robustZ(purchases, method, at(60, {}), gappy).status, "normal");
    assert.equal(robustZ(purchases, method, at(60, { purchases: 0 }), gappy).status, "anomalous");
  });

  it("guards low-volume minutes of ratio metrics and keeps a noise floor on flat baselines", () => {
    const conversion = spec("conversion_rate");
    const z = methodOf<RobustZSpec>("conversion_rate", "robust_z");
    // 10 sessions: a conversion of 0 means nothing
    assert.deepEqual(robustZ(conversion, z, at(60, { unique_sessions: 10, conversion_rate: 0 }), history), {
      status: "skip",
      reason: "low volume",
    });
    // a baseline with MAD 0 (every minute 3 purchases): one purchase more or less is no anomaly
    const flat = history.map((p) => ({ ...p, values: { ...p.values, purchases: 3 } }));
    assert.equal(robustZ(purchases, method, at(60, { purchases: 2 }), flat).status, "normal");
  });

  it("widens the tolerance of averages at low volume (AOV per purchase)", () => {
    const aov = spec("aov_usd");
    const down = aov.methods[0] as RobustZSpec;
    const busy = robustZ(aov, down, at(60, { aov_usd: 90, purchases: 40 }), history);
    const quiet = robustZ(aov, down, at(60, { aov_usd: 90, purchases: 5 }), history);
    const score = (v: typeof busy) => (v.status === "skip" ? Number.NaN : v.score);
    assert.ok(score(busy) > score(quiet) * 2, `${score(busy)} vs ${score(quiet)}`);
    assert.equal(robustZ(aov, down, at(60, { aov_usd: 90, purchases: 3 }), history).status, "skip");
  });
});

describe("EWMA control limits", () => {
  const sessions = spec("unique_sessions");
  const method = methodOf<EwmaSpec>("unique_sessions", "ewma");

  it("normal on ordinary minutes, fires on a surge and on a collapse", () => {
    assert.equal(ewma(sessions, method, at(60, {}), history).status, "normal");
    assert.equal(ewma(sessions, method, at(60, { unique_sessions: 700 }), history).status, "anomalous");
    assert.equal(ewma(sessions, method, at(60, { unique_sessions: 10 }), history).status, "anomalous");
  });

  it("follows a slow trend instead of firing on it", () => {
    const rising = series(0, 90, (i) => ({ ...normalShape, sessions: 100 + i * 2 }), 4);
    const last = rising.at(-1) as KpiPoint;
    assert.equal(ewma(sessions, method, last, rising.slice(0, -1)).status, "normal");
  });

  it("skips with too few minutes (gaps) in its window", () => {
    const sparse = history.filter((_, i) => i % 4 === 0);
    assert.equal(ewma(sessions, method, at(60, { unique_sessions: 700 }), sparse).status, "skip");
  });
});

describe("rules", () => {
  it("zero purchases while busy: fires only with traffic and an expectation", () => {
    const purchases = spec("purchases");
    const rule = methodOf<ZeroWhileBusySpec>("purchases", "zero_while_busy");
    assert.equal(zeroWhileBusy(purchases, rule, at(60, { purchases: 0 }), history).status, "anomalous");
    assert.equal(
      zeroWhileBusy(purchases, rule, at(60, { purchases: 0, unique_sessions: 10 }), history).status,
      "skip",
    );
    const quiet = history.map((p) => ({ ...p, values: { ...p.values, purchases: 1 } }));
    assert.equal(zeroWhileBusy(purchases, rule, at(60, { purchases: 0 }), quiet).status, "normal");
  });

  it("payment failure rate above its limit and improbable for its volume", () => {
    const pfr = spec("payment_failure_rate");
    const rule = methodOf<RateAboveSpec>("payment_failure_rate", "rate_above");
    const spike = at(60, { purchases: 10, payment_failures: 14, payment_failure_rate: 14 / 24 });
    assert.equal(rateAbove(pfr, rule, spike, history).status, "anomalous");
    // the same rate over 4 attempts is below the minimum volume
    const few = at(60, { purchases: 2, payment_failures: 2, payment_failure_rate: 0.5 });
    assert.equal(rateAbove(pfr, rule, few, history).status, "skip");
    // 3 of 12 (25%) is above the limit yet not improbable enough
    const mild = at(60, { purchases: 9, payment_failures: 3, payment_failure_rate: 0.25 });
    assert.equal(rateAbove(pfr, rule, mild, history).status, "normal");
  });

  it("traffic far above its baseline median", () => {
    const events = spec("events");
    const rule = methodOf<SurgeSpec>("events", "surge");
    const base = history[30] as KpiPoint;
    assert.equal(
      surge(events, rule, at(60, { events: base.values.events * 4 }), history).status,
      "anomalous",
    );
    assert.equal(surge(events, rule, at(60, {}), history).status, "normal");
    const tiny = history.map((p) => ({ ...p, values: { ...p.values, events: 10 } }));
    assert.equal(surge(events, rule, at(60, { events: 100 }), tiny).status, "skip");
  });
});
