import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { computeKpiMinutes, kpiMinuteColumns } from "./kpis.js";
import { sampleEvents } from "./samples.js";
import { sparkKpiMinuteSql } from "./spark-kpis.js";
import type { EcomEvent } from "./types.js";

const at = (ts: string, e: EcomEvent): EcomEvent => ({ ...e, event_ts: ts });

describe("computeKpiMinutes", () => {
  const events: EcomEvent[] = [
    at("2024-03-10T12:00:05Z", { ...sampleEvents.page_view, session_id: "s1", user_id: "u1" }),
    at("2024-03-10T12:00:10Z", {
      ...sampleEvents.purchase,
      session_id: "s1",
      user_id: "u1",
      order_total: 100,
      currency: "EUR",
    }),
    at("2024-03-10T12:00:59.999Z", {
      ...sampleEvents.purchase,
      session_id: "s2",
      user_id: "u2",
      order_total: 10,
      currency: "GBP",
    }),
    at("2024-03-10T13:00:30+01:00", { ...sampleEvents.payment_failed, session_id: "s3", user_id: "u1" }),
    at("2024-03-10T12:01:00Z", { ...sampleEvents.page_view, session_id: "s4" }),
  ];
  const rows = computeKpiMinutes(events);

  it("groups by UTC minute of event_ts, offsets applied", () => {
    assert.deepEqual(
      rows.map((r) => [r.window_start, r.window_end, r.events]),
      [
        ["2024-03-10T12:00:00.000Z", "2024-03-10T12:01:00.000Z", 4],
        ["2024-03-10T12:01:00.000Z", "2024-03-10T12:02:00.000Z", 1],
      ],
    );
  });

  it("computes counts, distincts, revenue in USD and the ratios", () => {
    const r = rows[0]!;
    assert.equal(r.page_views, 1);
    assert.equal(r.purchases, 2);
    assert.equal(r.payment_failures, 1);
    assert.equal(r.unique_users, 2);
    assert.equal(r.unique_sessions, 3);
    assert.ok(Math.abs(r.revenue_usd - 122.5) < 1e-9);
    assert.ok(Math.abs((r.aov_usd ?? 0) - 61.25) < 1e-9);
    assert.equal(r.conversion_rate, 2 / 3);
    assert.equal(r.payment_failure_rate, 1 / 3);
    const quiet = rows[1]!;
    assert.equal(quiet.revenue_usd, 0);
    assert.equal(quiet.aov_usd, null);
    assert.equal(quiet.payment_failure_rate, null);
    assert.equal(quiet.conversion_rate, 0);
  });

  it("rows carry exactly the kpi_minute columns, in order", () => {
    assert.deepEqual(
      Object.keys(rows[0]!),
      kpiMinuteColumns.map((c) => c.name),
    );
  });

  it("the Spark SQL selects the same columns", () => {
    const sql = sparkKpiMinuteSql("silver");
    assert.match(sql, new RegExp(`^SELECT ${kpiMinuteColumns.map((c) => c.name).join(", ")}, `));
  });
});
