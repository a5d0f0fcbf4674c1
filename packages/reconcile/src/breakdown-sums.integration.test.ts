import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { ensureDeltaTable, lakeStore } from "@ecomstream/lake";
import { goldTableSpecs, type LayerSpec, layerSpecs } from "@ecomstream/lake-model";
import { SparkSession } from "@ecomstream/spark-connect";
import { type TempHome, tempHome } from "@ecomstream/testkit";
import { breakdownSums, registerBreakdownView } from "./breakdown-sums.js";
import { registerLakeViews, views } from "./lake-views.js";

const updated = "TIMESTAMP'2026-11-25 08:00:00'";

/** kpi_minute rows: minute (HH:MM of 2026-11-25 07:xx), then its counts and revenue. */
const kpiRow = (minute: string, c: Record<string, number>) =>
  `(TIMESTAMP'2026-11-25 ${minute}:00', ${c.events ?? 0}L, ${c.pv ?? 0}L, ${c.atc ?? 0}L, ${c.rfc ?? 0}L, ` +
  `${c.ck ?? 0}L, ${c.pu ?? 0}L, ${c.pf ?? 0}L, ${c.rev ?? 0}D)`;

/** kpi_dim_minute rows: minute, dimension, value, counts; category rows NULL beyond add_to_carts. */
const dimRow = (
  minute: string,
  dimension: string,
  value: string,
  c: Record<string, number>,
  updatedAt = updated,
) => {
  const other = (n: number | undefined, suffix: "L" | "D") =>
    dimension === "category" ? `CAST(NULL AS ${suffix === "L" ? "BIGINT" : "DOUBLE"})` : `${n ?? 0}${suffix}`;
  return (
    `(TIMESTAMP'2026-11-25 ${minute}:00', '${dimension}', '${value}', ${c.events ?? 0}L, ${c.pv ?? 0}L, ${c.atc ?? 0}L, ` +
    `${other(c.ck, "L")}, ${other(c.pu, "L")}, ${other(c.pf, "L")}, ${other(c.rev, "D")}, ${c.us ?? 1}L, ${updatedAt})`
  );
};

async function append(session: SparkSession, home: TempHome, spec: LayerSpec, select: string): Promise<void> {
  await ensureDeltaTable(session, lakeStore(home.config), spec);
  const frame = await session.sql(
    `SELECT *, window_start + INTERVAL 1 MINUTE AS window_end, true AS is_final, DATE'2026-11-25' AS event_date, 7 AS hour FROM ${select}`,
  );
  await frame.write.format("delta").mode("append").save(spec.uri);
}

const appendKpis = (session: SparkSession, home: TempHome, rows: string[]) =>
  append(
    session,
    home,
    layerSpecs(home.lake).gold,
    `(SELECT *, ${updated} AS updated_at FROM VALUES ${rows.join(", ")} AS t(window_start, events, product_views, ` +
      "add_to_carts, remove_from_carts, checkouts, purchases, payment_failures, revenue_usd))",
  );

const appendDims = (session: SparkSession, home: TempHome, rows: string[]) =>
  append(
    session,
    home,
    goldTableSpecs(home.lake).kpi_dim_minute,
    `(SELECT * FROM VALUES ${rows.join(", ")} AS t(window_start, dimension, dimension_value, events, product_views, ` +
      "add_to_carts, checkouts, purchases, payment_failures, revenue_usd, unique_sessions, updated_at))",
  );

describe("breakdownSums: kpi_dim_minute's sums over each dimension against kpi_minute", {
  timeout: 300_000,
}, () => {
  let home: TempHome;
  let session: SparkSession;
  before(async () => {
    home = tempHome("ecom-breakdown-sums-");
    session = await SparkSession.connect(home.config.spark.remote);
  });
  after(async () => {
    await session?.close();
    home?.remove();
  });

  const sums = async () => {
    await registerLakeViews(session, home.config);
    await registerBreakdownView(session, home.config);
    return breakdownSums(session, views.gold, {});
  };

  it("finds no difference in agreeing tables, and each value, minute or dimension that is off", async () => {
    await appendKpis(session, home, [
      kpiRow("07:00", { events: 10, pv: 3, atc: 2, rfc: 1, ck: 1, pu: 2, pf: 1, rev: 30.5 }),
      kpiRow("07:01", { events: 2 }),
    ]);
    assert.deepEqual(
      await sums(),
      { minutes: 2, mismatches: 5 },
      "no breakdown table yet: every dimension off but an empty category",
    );
    await appendDims(session, home, [
      dimRow("07:00", "country", "NL", { events: 6, pv: 2, atc: 1, ck: 1, pu: 1, rev: 10.5 }),
      dimRow("07:00", "country", "DE", { events: 4, pv: 1, atc: 1, pu: 1, pf: 1, rev: 20 }),
      dimRow("07:00", "device", "mobile", { events: 10, pv: 3, atc: 2, ck: 1, pu: 2, pf: 1, rev: 30.5 }),
      // category: product_view + add_to_cart + remove_from_cart events only (3 + 2 + 1)
      dimRow("07:00", "category", "shoes", { events: 4, pv: 2, atc: 1 }),
      dimRow("07:00", "category", "books", { events: 2, pv: 1, atc: 1 }),
      // a minute of page views only has no category row: its category sums are 0
      dimRow("07:01", "country", "NL", { events: 2 }),
      dimRow("07:01", "device", "desktop", { events: 2 }),
    ]);
    assert.deepEqual(await sums(), { minutes: 2, mismatches: 0 });

    await appendDims(session, home, [dimRow("07:00", "country", "US", { pf: 1 })]);
    assert.deepEqual(await sums(), { minutes: 2, mismatches: 1 }, "payment failures by country add up to 2");

    await appendDims(session, home, [dimRow("07:01", "category", "books", { events: 1, pv: 1 })]);
    assert.deepEqual(await sums(), { minutes: 2, mismatches: 2 }, "a category view kpi_minute does not hold");

    await appendKpis(session, home, [kpiRow("07:02", { events: 1 })]);
    assert.deepEqual(
      await sums(),
      { minutes: 3, mismatches: 4 },
      "a minute with no breakdown: country, device",
    );

    // rows of another restatement than kpi_minute's are compared too: agreeing ones match
    await appendDims(session, home, [
      dimRow("07:02", "country", "NL", { events: 1 }, "TIMESTAMP'2026-11-25 08:05:00'"),
      dimRow("07:02", "device", "mobile", { events: 5 }, "TIMESTAMP'2026-11-25 08:05:00'"),
    ]);
    assert.deepEqual(
      await sums(),
      { minutes: 3, mismatches: 3 },
      "07:02's country agrees, its device does not",
    );
  });
});
