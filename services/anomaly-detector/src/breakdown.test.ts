import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { baseMetric, breakdownKey, dimValues } from "./breakdown.js";
import { countrySeries } from "./breakdown-series.fixture.js";
import { simulate } from "./engine.js";
import { matches } from "./eval/score.js";
import { minute, normalShape } from "./kpi-series.fixture.js";

/** Twelve countries' shares of 150 sessions a minute (the generator's mix, roughly). */
const shares: Array<[string, number]> = [
  ["US", 0.38],
  ["GB", 0.12],
  ["DE", 0.11],
  ["FR", 0.08],
  ["CA", 0.06],
  ["NL", 0.05],
  ["ES", 0.05],
  ["IT", 0.05],
  ["AU", 0.04],
  ["IE", 0.02],
  ["SE", 0.02],
  ["PL", 0.02],
];
const countries = (minutes: number, sessions: number, failingDe?: [number, number]) =>
  shares.flatMap(([country, share], n) =>
    countrySeries(
      country,
      0,
      minutes,
      (i) => ({
        ...normalShape,
        sessions: sessions * share,
        paymentFailure:
          country === "DE" && failingDe && i >= failingDe[0] && i < failingDe[1]
            ? 0.6
            : normalShape.paymentFailure,
      }),
      100 + n,
    ),
  );

describe("breakdown rules", () => {
  it("keys a dimension value's alert apart and names its metric", () => {
    const key = breakdownKey("payment_failure_rate", "country", "DE");
    assert.equal(key, "payment_failure_rate{country=DE}");
    assert.equal(baseMetric(key), "payment_failure_rate");
    assert.equal(baseMetric("purchases"), "purchases");
  });

  it("derives the rates from a row and leaves what a category row lacks unjudgeable", () => {
    const country = dimValues({
      events: 90,
      product_views: 30,
      add_to_carts: 9,
      checkouts: 10,
      purchases: 8,
      payment_failures: 2,
      revenue_usd: 800,
      unique_sessions: 20,
    });
    assert.equal(country.payment_failure_rate, 0.2);
    assert.equal(country.conversion_rate, 0.4);
    assert.equal(country.aov_usd, 100);
    const category = dimValues({
      events: 40,
      product_views: 30,
      add_to_carts: 9,
      checkouts: null,
      purchases: null,
      payment_failures: null,
      revenue_usd: null,
      unique_sessions: 20,
    });
    assert.equal(category.payment_failure_rate, null);
    assert.ok(Number.isNaN(category.purchases), "never 0: a category has no purchases to speak of");
  });

  it("opens no alert on a day of twelve normal countries", () => {
    for (const sessions of [600, 1200])
      assert.deepEqual(
        simulate([], [], {}, countries(1440, sessions)).map((a) => a.metric),
        [],
        `${sessions} sessions/min`,
      );
  });

  it("opens one alert for the failing country only, which the evaluation counts for a payment failure spike", () => {
    const alerts = simulate([], [], {}, countries(120, 1200, [80, 86]));
    assert.deepEqual(
      alerts.map((a) => [a.metric, a.openedMs, a.resolvedMs !== null]),
      [["payment_failure_rate{country=DE}", minute(80), true]],
    );
    const incident = { type: "payment_failure_spike", startMs: minute(80) + 20_000, endMs: minute(86) };
    assert.ok(alerts[0] && matches(alerts[0], incident, 5));
  });
});
