import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { SparkSession } from "@ecomstream/spark-connect";
import { computeKpiMinutes, kpiMinuteColumns } from "./kpis.js";
import { sampleEvents } from "./samples.js";
import { sparkKpiMinuteSql } from "./spark-kpis.js";
import type { EcomEvent } from "./types.js";

const remote = process.env.ECOM_SPARK_REMOTE ?? "sc://localhost:15002";

/** Purchases whose amounts the contract would never let through, one minute each case. */
const hostile: Array<[string, number, "USD" | "EUR" | "GBP"]> = [
  ["2024-03-10T12:00:10Z", 1.7e308, "EUR"], // finite, overflows once converted
  ["2024-03-10T12:01:10Z", 1.5e308, "USD"], // two finite amounts whose sum overflows
  ["2024-03-10T12:01:20Z", 1.5e308, "USD"],
  ["2024-03-10T12:02:10Z", Number.POSITIVE_INFINITY, "USD"],
  ["2024-03-10T12:02:20Z", 10, "USD"],
  ["2024-03-10T12:03:10Z", Number.NaN, "GBP"],
];

const sqlDouble = (n: number) =>
  Number.isNaN(n) ? "CAST('NaN' AS DOUBLE)" : Number.isFinite(n) ? `${n}D` : "CAST('Infinity' AS DOUBLE)";

describe("gold's KPI SQL never emits a non-finite number", { timeout: 120_000 }, () => {
  let spark: SparkSession;
  before(async () => {
    spark = await SparkSession.connect(`${remote.replace(/\/$/, "")}/;user_id=spark-kpis-test`);
  });
  after(async () => {
    await spark?.close();
  });

  it("holds revenue, aov and rates finite on hostile silver rows, as the TypeScript accumulator does", async () => {
    const events: EcomEvent[] = hostile.map(([ts, total, currency], i) => ({
      ...sampleEvents.purchase,
      event_id: `00000000-0000-4000-8000-00000000000${i}`,
      event_ts: ts,
      order_total: total,
      currency,
    }));
    const rows = events.map(
      (e) =>
        `(timestamp'${e.event_ts.replace("T", " ").replace("Z", "")}', 'purchase', '${e.user_id}', '${e.session_id}', ` +
        `${sqlDouble(e.event_type === "purchase" ? e.order_total : 0)}, '${e.event_type === "purchase" ? e.currency : ""}')`,
    );
    const source = `(SELECT * FROM VALUES ${rows.join(", ")} AS t(event_ts, event_type, user_id, session_id, order_total, currency))`;
    const got = await (
      await spark.sql(`${sparkKpiMinuteSql(source, { exactDistinct: true })} ORDER BY window_start`)
    ).collect();
    const want = computeKpiMinutes(events);
    assert.equal(got.length, 4);
    assert.equal(want.length, 4);
    got.forEach((row, i) => {
      for (const column of kpiMinuteColumns.filter((c) => c.type === "double")) {
        const value = row[column.name] as number | null;
        const expected = want[i]?.[column.name as keyof (typeof want)[number]] as number | null;
        if (value !== null) assert.ok(Number.isFinite(value), `${column.name} of minute ${i}: ${value}`);
        assert.equal(value, expected, `${column.name} of minute ${i}: Spark and TypeScript agree`);
      }
    });
    // an amount that is not finite adds nothing; a sum that overflows is held at the largest double
    assert.deepEqual(
      got.map((r) => r.revenue_usd),
      [0, Number.MAX_VALUE, 10, 0],
    );
  });
});
