import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { artifactsDir, collectPageErrors, launchChromium } from "@ecomstream/testkit";
import type { Browser, BrowserContext, Page } from "playwright-core";
import {
  floorMinute,
  insertKpiMinute,
  minuteMs,
  seedDimMinutes,
  seedKpiHistory,
  seedProductHours,
  seedSessions,
} from "./dashboard-seed.fixture.js";
import { type Stack, startStack } from "./dashboard-stack.fixture.js";

const getJson = async <T>(url: string): Promise<T> => {
  const response = await fetch(url);
  const text = await response.text();
  assert.equal(response.status, 200, `${url}: ${text}`);
  return JSON.parse(text) as T;
};

type Measures = Record<string, number | null>;
type Breakdown = {
  series: Array<{ dimension_value: string; events: number; buckets: Measures[] }>;
};
type TopProducts = { items: Array<{ product_id: string } & Record<string, number>> };
type Summary = {
  sessions: number;
  bounce_rate: number | null;
  median_duration_seconds: number | null;
  conversion_rate: number | null;
  provisional_sessions: number;
};
type Funnel = { steps: Array<{ step: string; sessions: number; rate: number | null }> };

/** A measure summed over a value's buckets, to the cent, as the table shows it; null when none has it. */
const totalOf = (buckets: Measures[], measure: string): number | null => {
  const values = buckets.map((b) => b[measure]).filter((v): v is number => v !== null && v !== undefined);
  return values.length === 0 ? null : Math.round(values.reduce((a, b) => a + b, 0) * 100) / 100;
};

const numberOrNull = (value: string | null) => (value === null || value === "" ? null : Number(value));

describe("shop analytics pages in Chromium, against the real API over Postgres", () => {
  let stack: Stack;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  const now = Date.now();

  before(async () => {
    stack = await startStack();
    await seedKpiHistory(stack.admin, now, 90, 2);
    await seedDimMinutes(stack.admin, now, 90, 2);
    await seedProductHours(stack.admin, now, 6);
    await seedSessions(stack.admin, now, 40, 5);
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: "light" });
    page = await context.newPage();
    errors = collectPageErrors(page);
  });

  after(async () => {
    await context?.close();
    await browser?.close();
    await stack?.close();
  });

  const shot = (name: string) =>
    page.screenshot({ path: join(artifactsDir(), `${name}.png`), fullPage: true });

  /** Dark theme and a phone-width screen: no sideways scrolling, then back to light at 1280 px. */
  async function darkAndPhone(name: string): Promise<void> {
    await page.click('[data-testid="theme-toggle"]');
    assert.equal(await page.getAttribute("html", "data-theme"), "dark");
    await shot(`${name}-dark`);
    await page.setViewportSize({ width: 390, height: 844 });
    await page
      .waitForFunction("document.documentElement.scrollWidth <= window.innerWidth", null, { timeout: 3000 })
      .catch(() => undefined);
    const overflow = (await page.evaluate(
      "document.documentElement.scrollWidth - window.innerWidth",
    )) as number;
    assert.ok(overflow <= 0, `${name}: the page is ${overflow}px wider than a phone`);
    await shot(`${name}-phone`);
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.click('[data-testid="theme-toggle"]');
  }

  it("overview: session figures are the API's summary for the same range, marked provisional", async () => {
    await page.goto(stack.dashboardUrl);
    const tiles = page.locator('[data-testid="session-tiles"]');
    await tiles.waitFor();
    const from = await tiles.getAttribute("data-from");
    const to = await tiles.getAttribute("data-to");
    const summary = await getJson<Summary>(`${stack.apiUrl}/v1/sessions/summary?from=${from}&to=${to}`);
    assert.equal(summary.sessions, 40);
    const expected: Record<string, number | null> = {
      sessions: summary.sessions,
      "bounce-rate": summary.bounce_rate,
      "median-duration": summary.median_duration_seconds,
      "session-conversion": summary.conversion_rate,
    };
    for (const [id, value] of Object.entries(expected)) {
      const shown = await page.getAttribute(`[data-testid="sessions-${id}"]`, "data-value");
      assert.equal(numberOrNull(shown), value, `tile ${id}`);
    }
    assert.equal(await page.locator('[data-testid="sessions-sessions"] .tile-value').textContent(), "40");
    assert.equal(
      Number(await page.getAttribute('[data-testid="sessions-provisional"]', "data-value")),
      summary.provisional_sessions,
    );
    assert.equal(summary.provisional_sessions, 5);
    await shot("overview-sessions");
  });

  /** The breakdown table's totals against the API's answer for the table's own range and step. */
  async function checkBreakdownTable(dimension: string): Promise<number> {
    const table = page.locator(`[data-testid="breakdown-table"][data-dimension="${dimension}"]`);
    await table.waitFor();
    const [from, to, step] = await Promise.all(
      ["data-from", "data-to", "data-step"].map((a) => table.getAttribute(a)),
    );
    const api = await getJson<Breakdown>(
      `${stack.apiUrl}/v1/kpis/breakdown?dimension=${dimension}&from=${from}&to=${to}&step=${step}&limit=8`,
    );
    const shown = (await page.evaluate(`[...document.querySelectorAll(
      '[data-testid="breakdown-table"] tbody tr')].map((tr) => ({
        value: tr.dataset.value,
        cells: Object.fromEntries([...tr.querySelectorAll("td[data-measure]")].map(
          (td) => [td.dataset.measure, td.dataset.total === "" ? null : Number(td.dataset.total)])),
      }))`)) as Array<{ value: string; cells: Record<string, number | null> }>;
    assert.deepEqual(
      shown.map((r) => r.value),
      api.series.map((s) => s.dimension_value),
      `${dimension}: values, most events first`,
    );
    for (const [i, row] of shown.entries()) {
      const series = api.series[i];
      assert.ok(series);
      for (const [measure, total] of Object.entries(row.cells)) {
        assert.equal(total, totalOf(series.buckets, measure), `${dimension} ${row.value} ${measure}`);
      }
    }
    return shown.length;
  }

  it("breakdown: each dimension's table matches the API; category shows only its measures and says so", async () => {
    await page.click('nav a[href="/breakdown"]');
    assert.equal(await checkBreakdownTable("country"), 3);
    await page.locator('[data-testid="breakdown-chart"] canvas').waitFor();
    assert.equal(await page.getAttribute('[data-testid="breakdown-chart"]', "data-series"), "3");
    const firstEvents = await page
      .locator('[data-testid="breakdown-table"] tbody tr:first-child td[data-measure="events"]')
      .textContent();
    assert.match(firstEvents ?? "", /^\d{1,3}(,\d{3})*$/);
    assert.equal(await page.locator('[data-testid="category-note"]').count(), 0);
    await shot("breakdown-country");

    await page.click('[data-testid="dimension-device"]');
    assert.equal(await checkBreakdownTable("device"), 2);

    await page.click('[data-testid="dimension-category"]');
    assert.equal(await checkBreakdownTable("category"), 2);
    await page.locator('[data-testid="category-note"]').waitFor();
    const measures = await page
      .locator('[data-testid="breakdown-table"] tbody tr:first-child td[data-measure]')
      .evaluateAll((tds) => tds.map((td) => td.getAttribute("data-measure")));
    assert.deepEqual(measures, ["events", "product_views", "add_to_carts", "unique_sessions"]);
    await shot("breakdown-category");
  });

  it("breakdown: a new minute shows without a reload", async () => {
    await page.click('[data-testid="dimension-country"]');
    await checkBreakdownTable("country");
    const cell = '[data-testid="breakdown-table"] tr[data-value="DE"] td[data-measure="events"]';
    const before = Number(await page.getAttribute(cell, "data-total"));
    const next = floorMinute(Date.now());
    // the loader writes a minute's breakdown with its KPI minute; the KPI minute's event refetches
    await stack.admin.query(
      `insert into serving.kpi_dim_minute (window_start, window_end, dimension, dimension_value, events,
         product_views, add_to_carts, checkouts, purchases, payment_failures, revenue_usd, unique_sessions,
         is_final, updated_at)
       values ($1, $2, 'country', 'DE', 1000, 0, 0, 0, 0, 0, 0, 1, false, now())
       on conflict (dimension, window_start, dimension_value) do update set events = excluded.events + 1000`,
      [new Date(next), new Date(next + minuteMs)],
    );
    await insertKpiMinute(stack.admin, next, 998, false);
    await page.waitForFunction(
      `Number(document.querySelector('${cell}')?.dataset.total) >= ${before + 1000}`,
      null,
      { timeout: 10_000 },
    );
    await checkBreakdownTable("country");
    await darkAndPhone("breakdown");
  });

  /** The products table against the API's top list for the table's own range and order. */
  async function checkProducts(by: string): Promise<void> {
    const table = page.locator(`[data-testid="products-table"][data-by="${by}"]`);
    await table.waitFor();
    const [from, to] = await Promise.all(["data-from", "data-to"].map((a) => table.getAttribute(a)));
    const api = await getJson<TopProducts>(
      `${stack.apiUrl}/v1/products/top?from=${from}&to=${to}&by=${by}&limit=10`,
    );
    assert.equal(api.items.length, 10);
    const shown = (await page.evaluate(`[...document.querySelectorAll(
      '[data-testid="products-table"] tbody tr')].map((tr) => ({
        product_id: tr.dataset.product,
        ...Object.fromEntries([...tr.querySelectorAll("td[data-measure]")].map(
          (td) => [td.dataset.measure, Number(td.dataset.total)])),
      }))`)) as Array<Record<string, string | number>>;
    assert.deepEqual(
      shown,
      api.items.map((p) => ({
        product_id: p.product_id,
        views: p.views,
        add_to_carts: p.add_to_carts,
        remove_from_carts: p.remove_from_carts,
      })),
      `top products by ${by}`,
    );
  }

  it("products: the top 10 by views and by add to carts match the API, each with a sparkline", async () => {
    await page.click('nav a[href="/products"]');
    await checkProducts("views");
    await page.waitForFunction(
      'document.querySelectorAll("[data-testid=products-table] .sparkline canvas").length === 10',
    );
    await shot("products-views");
    await page.click('[data-testid="products-by-add_to_carts"]');
    await checkProducts("add_to_carts");
    await darkAndPhone("products");
  });

  it("funnel: each step's sessions and rate and the drop-off between steps match the API", async () => {
    await page.click('nav a[href="/funnel"]');
    const funnel = page.locator('[data-testid="funnel"]');
    await funnel.waitFor();
    const [from, to] = await Promise.all(["data-from", "data-to"].map((a) => funnel.getAttribute(a)));
    const api = await getJson<Funnel>(`${stack.apiUrl}/v1/funnel?from=${from}&to=${to}`);
    const shown = (await page.evaluate(`[...document.querySelectorAll('[data-testid="funnel"] > li')].map(
      (li) => ({ step: li.dataset.step, sessions: Number(li.dataset.sessions),
        rate: li.dataset.rate === "" ? null : Number(li.dataset.rate) }))`)) as Funnel["steps"];
    assert.deepEqual(shown, api.steps);
    assert.equal(shown.length, 4);
    for (let i = 1; i < api.steps.length; i++) {
      const before = api.steps[i - 1];
      const step = api.steps[i];
      assert.ok(before && step);
      const drop = page.locator(`[data-testid="drop-${step.step}"]`);
      assert.equal(Number(await drop.getAttribute("data-sessions")), before.sessions - step.sessions);
      assert.equal(
        numberOrNull(await drop.getAttribute("data-rate")),
        step.rate === null ? null : 1 - step.rate,
      );
    }
    assert.ok(api.steps.some((s, i) => i > 0 && s.sessions < (api.steps[i - 1]?.sessions ?? 0)));
    await page.locator('[data-testid="funnel-provisional"]').waitFor();
    await shot("funnel");
    await darkAndPhone("funnel");
  });

  it("no errors in the browser console", () => {
    assert.deepEqual(errors, []);
  });
});
