import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { kpiRelativeTolerance } from "@ecomstream/contracts";
import type { LakeLayout } from "@ecomstream/lake-model";
import { goldTableSpecs } from "@ecomstream/lake-model";
import { createLogger, loadConfig } from "@ecomstream/runtime";
import { type Row, SparkSession } from "@ecomstream/spark-connect";
import { type TempHome, tempHome } from "@ecomstream/testkit";
import { makeBreakdownEvents } from "./breakdown-events.js";
import { readGold } from "./gold-assert.js";
import { createGoldLoop } from "./gold-loop.js";
import { appendSilver } from "./silver.fixture.js";

const logger = createLogger("gold-breakdowns-test");
const at = (h: number, m: number, s = 0) => Date.UTC(2024, 2, 10, h, m, s);

/*
 * The test's own recomputation of gold's breakdowns from silver: plain GROUP BYs and UNION ALL,
 * windows from epoch seconds, revenue from the spec's rates; none of the writer's SQL.
 */
const usd =
  "CASE WHEN event_type = 'purchase' THEN order_total * CASE currency WHEN 'USD' THEN 1.0D WHEN 'EUR' THEN 1.1D WHEN 'GBP' THEN 1.25D END END";
const countOf = (type: string) => `sum(CASE WHEN event_type = '${type}' THEN 1 ELSE 0 END)`;
const unlessCategory = (expr: string) => `CASE WHEN dimension = 'category' THEN NULL ELSE ${expr} END`;

const expectedDimSql = (silver: string) =>
  `WITH s AS (SELECT *, timestamp_seconds(floor(unix_seconds(event_ts) / 60) * 60) AS m, ${usd} AS usd FROM ${silver}), ` +
  "d AS (SELECT 'country' AS dimension, country AS dimension_value, * FROM s " +
  "UNION ALL SELECT 'device' AS dimension, device AS dimension_value, * FROM s " +
  "UNION ALL SELECT 'category' AS dimension, category AS dimension_value, * FROM s WHERE category IS NOT NULL) " +
  "SELECT m AS window_start, m + INTERVAL 1 MINUTE AS window_end, dimension, dimension_value, count(*) AS events, " +
  `${countOf("product_view")} AS product_views, ${countOf("add_to_cart")} AS add_to_carts, ` +
  `${unlessCategory(countOf("checkout_started"))} AS checkouts, ${unlessCategory(countOf("purchase"))} AS purchases, ` +
  `${unlessCategory(countOf("payment_failed"))} AS payment_failures, ` +
  `${unlessCategory("coalesce(sum(usd), 0D)")} AS revenue_usd, count(DISTINCT session_id) AS unique_sessions ` +
  "FROM d GROUP BY m, dimension, dimension_value";

const expectedProductSql = (silver: string) =>
  "SELECT timestamp_seconds(floor(unix_seconds(event_ts) / 3600) * 3600) AS h, product_id, " +
  `${countOf("product_view")} AS views, ${countOf("add_to_cart")} AS add_to_carts, ` +
  `${countOf("remove_from_cart")} AS remove_from_carts, count(DISTINCT session_id) AS unique_sessions ` +
  `FROM ${silver} WHERE event_type IN ('product_view', 'add_to_cart', 'remove_from_cart') GROUP BY 1, 2`;

const dimKeys = "window_start, dimension, dimension_value";
const dimColumns = [
  "window_end",
  "events",
  "product_views",
  "add_to_carts",
  "checkouts",
  "purchases",
  "payment_failures",
  "revenue_usd",
  "unique_sessions",
];
const productColumns = ["window_end", "views", "add_to_carts", "remove_from_carts", "unique_sessions"];

async function sql(session: SparkSession, query: string): Promise<Row[]> {
  return (await session.sql(query)).collect();
}

async function readTableRows(
  session: SparkSession,
  uri: string,
  view: string,
  order: string,
): Promise<Row[]> {
  await session.read.format("delta").load(uri).createOrReplaceTempView(view);
  return sql(session, `SELECT * FROM ${view} ORDER BY ${order}`);
}

const text = (v: unknown) => (v instanceof Date ? v.toISOString() : v === null ? "null" : String(v));

/** Same keys, and per row the same values: counts exactly, revenue within the contract's tolerance. */
function assertRowsEqual(got: readonly Row[], want: readonly Row[], keys: string[], columns: string[]): void {
  const key = (r: Row) => keys.map((k) => text(r[k])).join(" ");
  assert.deepEqual(got.map(key), want.map(key));
  want.forEach((w, i) => {
    const g = got[i]!;
    for (const c of columns) {
      const where = `${key(w)} ${c}`;
      if (c === "revenue_usd" && w[c] !== null && g[c] !== null) {
        const d = Math.abs(Number(g[c]) - Number(w[c]));
        assert.ok(d <= kpiRelativeTolerance * Math.abs(Number(w[c])), `${where}: ${g[c]} vs ${w[c]}`);
      } else assert.equal(text(g[c]), text(w[c]), where);
    }
  });
}

/** Per minute and dimension, the sum of each additive measure over the values equals kpi_minute's. */
function assertSumsEqualKpiMinute(dims: readonly Row[], kpis: readonly Row[]): void {
  const total = (minute: string, dimension: string, measure: string) =>
    dims
      .filter((r) => text(r.window_start) === minute && r.dimension === dimension)
      .reduce((n, r) => n + Number(r[measure]), 0);
  for (const k of kpis) {
    const minute = text(k.window_start);
    for (const dimension of ["country", "device"])
      for (const m of [
        "events",
        "product_views",
        "add_to_carts",
        "checkouts",
        "purchases",
        "payment_failures",
      ])
        assert.equal(total(minute, dimension, m), Number(k[m]), `${minute} ${dimension} ${m}`);
    for (const dimension of ["country", "device"]) {
      const revenue = total(minute, dimension, "revenue_usd");
      assert.ok(Math.abs(revenue - Number(k.revenue_usd)) <= 1e-9 * Math.max(1, Number(k.revenue_usd)));
    }
    const categoryEvents = Number(k.product_views) + Number(k.add_to_carts) + Number(k.remove_from_carts);
    assert.equal(total(minute, "category", "events"), categoryEvents, `${minute} category events`);
    assert.equal(total(minute, "category", "product_views"), Number(k.product_views), `${minute} category`);
    assert.equal(total(minute, "category", "add_to_carts"), Number(k.add_to_carts), `${minute} category`);
  }
}

interface Breakdowns {
  dims: Row[];
  products: Row[];
}

/** Gold's two breakdown tables, checked against the test's recomputation from silver. */
async function assertBreakdownsMatchSilver(session: SparkSession, lake: LakeLayout): Promise<Breakdowns> {
  const tables = goldTableSpecs(lake);
  await session.read.format("delta").load(lake.silver).createOrReplaceTempView("test_silver");
  const dims = await readTableRows(session, tables.kpi_dim_minute.uri, "test_dim", dimKeys);
  const wantDims = await sql(session, `SELECT * FROM (${expectedDimSql("test_silver")}) ORDER BY ${dimKeys}`);
  assert.ok(wantDims.length > 0);
  assertRowsEqual(dims, wantDims, ["window_start", "dimension", "dimension_value"], dimColumns);
  assert.ok(!dims.some((r) => r.dimension_value === "stray"), "a page view's stray category is no category");

  const products = await readTableRows(
    session,
    tables.product_hour.uri,
    "test_products",
    "window_start, product_id",
  );
  const wantProducts = await sql(
    session,
    `SELECT h AS window_start, h + INTERVAL 1 HOUR AS window_end, * EXCEPT (h) FROM (${expectedProductSql("test_silver")}) ORDER BY h, product_id`,
  );
  assert.ok(wantProducts.length > 0);
  assertRowsEqual(products, wantProducts, ["window_start", "product_id"], productColumns);
  for (const r of [...dims, ...products]) {
    const start = (r.window_start as Date).toISOString();
    const date =
      r.event_date instanceof Date ? r.event_date.toISOString().slice(0, 10) : String(r.event_date);
    assert.equal(date, start.slice(0, 10), `${start} partition date`);
    assert.equal(r.hour, Number(start.slice(11, 13)), `${start} partition hour`);
  }
  assertSumsEqualKpiMinute(dims, await readGold(session, lake));
  return { dims, products };
}

describe("gold breakdowns (kpi_dim_minute, product_hour) against a real Spark", { timeout: 480_000 }, () => {
  let session: SparkSession;
  const homes: TempHome[] = [];
  before(async () => {
    session = await SparkSession.connect(
      `${loadConfig().spark.remote.replace(/\/$/, "")}/;user_id=gold-breakdowns-test`,
    );
  });
  after(async () => {
    await session?.close();
    for (const home of homes) home.remove();
  });

  it("are restated with kpi_minute from silver, late rows too, and add up to kpi_minute", {
    timeout: 360_000,
  }, async () => {
    const home = tempHome("gold-writer-");
    homes.push(home);
    let clock = at(13, 0);
    const loop = createGoldLoop({ config: home.config, lake: home.lake, logger }, { now: () => clock });

    const early = makeBreakdownEvents("a", at(10, 56), 160, 2_500); // 10:56 .. 11:02:40
    await appendSilver(session, home, early);
    await loop.run(session);
    assert.deepEqual(loop.health().gold.hoursRestated, ["2024-03-10/10", "2024-03-10/11"]);
    const first = await assertBreakdownsMatchSilver(session, home.lake);
    assert.ok([...first.dims, ...first.products].every((r) => r.is_final === true));
    assert.deepEqual([...new Set(first.dims.map((r) => r.dimension as string))].sort(), [
      "category",
      "country",
      "device",
    ]);

    const late = makeBreakdownEvents("late", at(10, 58, 30), 48, 1_000); // late rows for the closed hour 10
    await appendSilver(session, home, late);
    clock += 5_000;
    await loop.run(session);
    assert.deepEqual(loop.health().gold.hoursRestated, ["2024-03-10/10"]);
    const second = await assertBreakdownsMatchSilver(session, home.lake);
    const hour = (rows: readonly Row[], h: number) =>
      rows.filter((r) => (r.window_start as Date).getUTCHours() === h);
    assert.deepEqual(hour(second.dims, 11), hour(first.dims, 11), "hour 11 was not rewritten");
    assert.deepEqual(hour(second.products, 11), hour(first.products, 11), "hour 11 was not rewritten");
    for (const r of [...hour(second.dims, 10), ...hour(second.products, 10)])
      assert.equal((r.updated_at as Date).getTime(), clock, "hour 10 restated at the new clock");
    assert.notDeepEqual(
      hour(second.products, 10),
      hour(first.products, 10),
      "late rows reached product_hour",
    );
  });
});
