import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { bundleSize } from "@ecomstream/dashboard";
import { ensureDeltaTable, lakeStore, writeLakeHealth } from "@ecomstream/lake";
import { lakeLayout, layerSpecs } from "@ecomstream/lake-model";
import { SparkSession } from "@ecomstream/spark-connect";
import { artifactsDir, collectPageErrors, launchChromium, seedAlert } from "@ecomstream/testkit";
import type { Browser, BrowserContext, Page } from "playwright-core";
import {
  floorMinute,
  hourMs,
  insertKpiMinute,
  type LakeTable,
  minuteMs,
  seedKpiHistory,
  seedLake,
  seedPipeline,
  seedQualityHistory,
} from "./dashboard-seed.fixture.js";
import { type Stack, startStack, testApiKey } from "./dashboard-stack.fixture.js";

const getJson = async <T>(url: string, headers: Record<string, string> = {}): Promise<T> => {
  const response = await fetch(url, { headers });
  const text = await response.text();
  assert.equal(response.status, 200, `${url}: ${text}`);
  return JSON.parse(text) as T;
};

type Latest = {
  minute: {
    window_start: string;
    purchases: number;
    revenue_usd: number;
    aov_usd: number | null;
    conversion_rate: number | null;
    payment_failure_rate: number | null;
    unique_sessions: number;
    is_final: boolean;
  };
};

/** Appends quarantined records to the test lake's quarantine Delta table through Spark, as silver does. */
async function writeQuarantine(stack: Stack): Promise<void> {
  const session = await SparkSession.connect(stack.config.spark.remote, { userId: "ecom-dashboard-test" });
  try {
    const rows = [
      ["invalid_json", null, "{not json", "sess-q-1"],
      ["missing_field", "user_id", '{"event_id":"e-2","event_type":"page_view"}', "sess-q-2"],
    ]
      .map(
        ([reason, field, payload, key], i) =>
          `('${reason}', ${field ? `'${field}'` : "CAST(NULL AS STRING)"}, '${String(payload).replace(/'/g, "''")}', '${key}', ` +
          `'ecom.events.raw.v1', ${i}, CAST(${100 + i} AS BIGINT), current_timestamp(), current_timestamp())`,
      )
      .join(", ");
    const df = await session.sql(
      "SELECT *, to_date(ingest_ts) AS ingest_date, hour(ingest_ts) AS hour FROM " +
        `VALUES ${rows} AS q(reason, field, raw_payload, key, topic, partition, offset, kafka_timestamp, ingest_ts)`,
    );
    const spec = layerSpecs(lakeLayout(stack.config.lake.uri)).quarantine;
    await ensureDeltaTable(session, lakeStore(stack.config), spec);
    await df.write.format("delta").mode("append").save(spec.uri);
  } finally {
    await session.close();
  }
}

describe("dashboard in Chromium, against the real API over Postgres", () => {
  let stack: Stack;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  let alertId: number;
  let lakeTables: LakeTable[];
  const now = Date.now();
  const timings: Record<string, number> = {};

  before(async () => {
    stack = await startStack();
    await seedKpiHistory(stack.admin, now, 150, 3);
    await seedQualityHistory(stack.admin, now, 60);
    await seedPipeline(stack.admin, now);
    lakeTables = await seedLake(stack.admin, now);
    alertId = await seedAlert(stack.admin, {
      metric: "payment_failure_rate",
      at: new Date(floorMinute(now) - 10 * minuteMs),
      severity: "critical",
      message: "payment failures far above their baseline",
      observed: 0.42,
      expected: 0.05,
      score: 7.5,
      method: "rate_above",
    });
    await writeQuarantine(stack);
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

  it("overview: tiles show the API's latest minute, charts its buckets, provisional minutes marked", async () => {
    const started = performance.now();
    await page.goto(stack.dashboardUrl);
    await page.locator('[data-testid="kpi-orders"] .tile-value').waitFor();
    timings.firstKpiMs = performance.now() - started;
    const latest = await getJson<Latest>(`${stack.apiUrl}/v1/kpis/latest`);
    const expected: Record<string, number | null> = {
      orders: latest.minute.purchases,
      revenue: latest.minute.revenue_usd,
      aov: latest.minute.aov_usd,
      conversion: latest.minute.conversion_rate,
      "payment-failures": latest.minute.payment_failure_rate,
      sessions: latest.minute.unique_sessions,
    };
    for (const [id, value] of Object.entries(expected)) {
      const shown = await page.getAttribute(`[data-testid="kpi-${id}"]`, "data-value");
      assert.equal(Number(shown), value, `tile ${id}`);
    }
    assert.equal(
      await page.locator('[data-testid="kpi-orders"] .tile-value').textContent(),
      String(latest.minute.purchases),
    );
    assert.equal(
      await page.getAttribute('[data-testid="latest-minute"]', "data-minute"),
      latest.minute.window_start,
    );
    assert.equal(await page.locator('[data-testid="latest-minute"] .badge').textContent(), "provisional");
    assert.match(
      (await page.locator('[data-testid="kpi-orders-change"]').textContent()) ?? "",
      /vs previous hour/,
    );

    await page.waitForFunction('document.querySelectorAll("[data-testid^=chart-] canvas").length >= 6');
    // the window and the points are read together: the dashboard's window moves with the clock
    const shown = (await page.evaluate(
      `(() => {
        const charts = document.querySelector('[data-testid="charts"]').dataset;
        const points = Number(document.querySelector('[data-testid="chart-orders"]').dataset.points);
        return { from: charts.from, to: charts.to, step: charts.step, points };
      })()`,
    )) as { from: string; to: string; step: string; points: number };
    assert.equal(shown.step, "1m");
    const series = await getJson<{ buckets: unknown[] }>(
      `${stack.apiUrl}/v1/kpis?from=${shown.from}&to=${shown.to}&step=1m`,
    );
    const points = shown.points;
    // final and provisional series share the point where they join
    assert.ok(points === series.buckets.length + 1 || points === series.buckets.length, `${points} points`);
    await shot("overview-light");
  });

  it("overview: a new minute appears without a reload within 10 s", async () => {
    const next = floorMinute(Date.now());
    const started = performance.now();
    await insertKpiMinute(stack.admin, next, 999, false);
    await page.waitForSelector(
      `[data-testid="latest-minute"][data-minute="${new Date(next).toISOString()}"]`,
      {
        timeout: 10_000,
      },
    );
    timings.newMinuteMs = performance.now() - started;
    assert.equal(await page.getAttribute('[data-testid="live-state"]', "data-state"), "live");
  });

  it("dark theme and a phone-width screen", async () => {
    await page.click('[data-testid="theme-toggle"]');
    assert.equal(await page.getAttribute("html", "data-theme"), "dark");
    await shot("overview-dark");
    await page.setViewportSize({ width: 390, height: 844 });
    // charts follow their container's width on the next frames
    await page
      .waitForFunction("document.documentElement.scrollWidth <= window.innerWidth", null, { timeout: 3000 })
      .catch(() => undefined);
    const overflow = (await page.evaluate(
      "document.documentElement.scrollWidth - window.innerWidth",
    )) as number;
    assert.ok(overflow <= 0, `the page is ${overflow}px wider than a phone`);
    await shot("overview-phone");
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.click('[data-testid="theme-toggle"]');
  });

  it("alerts: acknowledged from the page with the API key from settings, and the API agrees", async () => {
    await page.click('nav a[href="/settings"]');
    await page.fill('[data-testid="api-key"]', testApiKey);
    await page.click('[data-testid="save-api-key"]');
    await page.locator('[data-testid="api-key-saved"]').waitFor();
    await page.click('nav a[href="/alerts"]');
    const row = page.locator(`[data-testid="alert-${alertId}"]`);
    await row.waitFor();
    assert.equal(await row.getAttribute("data-status"), "open");
    await page.selectOption('[data-testid="filter-severity"]', "critical");
    await row.waitFor();
    await shot("alerts");
    await row.getByRole("button", { name: "Acknowledge" }).click();
    await page.waitForSelector(`[data-testid="alert-${alertId}"][data-status="acknowledged"]`, {
      timeout: 10_000,
    });
    const listed = await getJson<{ items: Array<{ id: number; status: string }> }>(
      `${stack.apiUrl}/v1/alerts`,
    );
    assert.equal(listed.items.find((a) => a.id === alertId)?.status, "acknowledged");
  });

  it("quality: totals are the sums of the API's buckets; quarantined samples from the lake", async () => {
    await page.click('nav a[href="/quality"]');
    await page.locator('[data-testid="quality-records"]').waitFor();
    assert.equal(
      await page.evaluate('localStorage.getItem("ecom.range")'),
      null,
      "the default range is the last hour",
    );
    const to = new Date(Math.ceil(Date.now() / minuteMs) * minuteMs);
    const quality = await getJson<{
      buckets: Array<{ records: number; quarantined: number; duplicates: number; late: number }>;
    }>(
      `${stack.apiUrl}/v1/quality?from=${new Date(to.getTime() - 3600_000).toISOString()}&to=${to.toISOString()}&step=1m`,
    );
    const sum = (pick: (b: (typeof quality.buckets)[number]) => number) =>
      quality.buckets.reduce((n, b) => n + pick(b), 0);
    for (const [id, value] of [
      ["records", sum((b) => b.records)],
      ["quarantined", sum((b) => b.quarantined)],
      ["duplicates", sum((b) => b.duplicates)],
      ["late", sum((b) => b.late)],
    ] as const) {
      assert.equal(Number(await page.getAttribute(`[data-testid="quality-${id}"]`, "data-value")), value, id);
    }
    await page.locator('[data-testid="samples"] li').first().waitFor({ timeout: 30_000 });
    // the key the alerts step saved in settings: samples hold raw payloads
    const samples = await getJson<{ items: Array<{ key: string }> }>(`${stack.apiUrl}/v1/quality/samples`, {
      "x-api-key": testApiKey,
    });
    assert.equal(await page.locator('[data-testid="samples"] li').count(), samples.items.length);
    assert.match(
      (await page.locator('[data-testid="samples"]').textContent()) ?? "",
      /"event_type": "page_view"/,
    );
    await shot("quality");
  });

  it("pipeline: each stage's figures and light from /v1/pipeline", async () => {
    await page.click('nav a[href="/pipeline"]');
    await page.locator('[data-testid="stage-bronze-writer"]').waitFor();
    const pipeline = await getJson<{
      stages: Array<{ stage: string; lag_records: number | null; input_rows_per_second: number | null }>;
    }>(`${stack.apiUrl}/v1/pipeline`);
    for (const stage of pipeline.stages) {
      const lag = await page.getAttribute(`[data-testid="stage-${stage.stage}-lag"]`, "data-value");
      assert.equal(lag === "" ? null : Number(lag), stage.lag_records, `${stage.stage} lag`);
      const rate = await page.getAttribute(`[data-testid="stage-${stage.stage}-rate"]`, "data-value");
      assert.equal(rate === "" ? null : Number(rate), stage.input_rows_per_second, `${stage.stage} rate`);
    }
    assert.equal(await page.getAttribute('[data-testid="stage-bronze-writer"]', "data-light"), "green");
    assert.equal(await page.getAttribute('[data-testid="stage-loader"]', "data-light"), "red");
    await shot("pipeline");
  });

  it("lake: a tile per layer with /v1/lake's figures; per-hour partitions of a chosen layer; live", async () => {
    await page.click('nav a[href="/lake"]');
    await page.locator('[data-testid="lake-bronze"]').waitFor();
    type LakeLayer = {
      layer: string;
      files: number;
      bytes: number;
      partitions: number;
      oldest_partition: string | null;
      last_compaction: { at: string; files_before: number | null; files_after: number | null } | null;
    };
    const lake = await getJson<{ layers: LakeLayer[] }>(`${stack.apiUrl}/v1/lake`);
    assert.deepEqual(
      lake.layers.map((l) => l.layer),
      ["bronze", "silver", "quarantine", "gold"],
    );
    const attr = (id: string, name = "data-value") => page.getAttribute(`[data-testid="${id}"]`, name);
    for (const layer of lake.layers) {
      const id = `lake-${layer.layer}`;
      assert.equal(Number(await attr(`${id}-files`)), layer.files, `${id} files`);
      assert.equal(Number(await attr(`${id}-bytes`)), layer.bytes, `${id} bytes`);
      assert.equal(Number(await attr(`${id}-partitions`)), layer.partitions, `${id} partitions`);
      assert.equal((await attr(`${id}-oldest`)) || null, layer.oldest_partition, `${id} oldest`);
      assert.equal((await attr(`${id}-compaction`)) || null, layer.last_compaction?.at ?? null);
    }
    // and the API answers what lake-ops wrote
    const bronze = lakeTables.find((t) => t.layer === "bronze");
    assert.equal(lake.layers[0]?.files, bronze?.files);
    const text = async (id: string) => (await page.locator(`[data-testid="${id}"]`).textContent()) ?? "";
    assert.match(await text("lake-bronze-compaction"), /^2,400 files → 12 files, at \d{4}-\d{2}-\d{2} /);
    assert.equal(await text("lake-silver-compaction"), "never");
    assert.match(await text("lake-bronze-bytes"), /^\d+\.\d (MB|GB)$/);
    assert.match(await text("lake-bronze-oldest"), /^(29|30) h \d+ min old$/);
    assert.equal(await page.getAttribute('[data-testid="lake-gold"]', "data-measured"), "false");

    await page.selectOption('[data-testid="lake-layer"]', "silver");
    await page.locator('.lake-partitions[data-layer="silver"]').waitFor();
    const to = new Date(Math.ceil(Date.now() / hourMs) * hourMs);
    const listed = await getJson<{ partitions: Array<{ hour: string; files: number }> }>(
      `${stack.apiUrl}/v1/lake/partitions?layer=silver&from=${new Date(to.getTime() - 24 * hourMs).toISOString()}&to=${to.toISOString()}`,
    );
    assert.ok(listed.partitions.length >= 24, `${listed.partitions.length} partitions`);
    const rows = page.locator('[data-testid="lake-partitions"] tbody tr');
    assert.equal(await rows.count(), listed.partitions.length);
    const shown = await rows.evaluateAll((trs) =>
      trs.map((tr) => [tr.getAttribute("data-hour"), Number(tr.getAttribute("data-files"))]),
    );
    assert.deepEqual(
      shown,
      listed.partitions.map((p) => [p.hour, p.files]).reverse(),
      "the table lists the API's partitions, newest first",
    );
    await page.waitForFunction('document.querySelector("[data-testid=chart-lake-files] canvas") !== null');
    assert.equal(
      Number(await page.getAttribute('[data-testid="chart-lake-files"]', "data-points")),
      listed.partitions.length,
    );
    await shot("lake");

    // lake-ops measures gold for the first time: the tile follows without a reload
    const gold = { hourMs: Math.floor(now / hourMs) * hourMs, files: 7, bytes: 70_000, compacted: false };
    await writeLakeHealth(stack.admin, [
      { layer: "gold", files: 7, bytes: 70_000, partitions: [gold], lastCompaction: null },
    ]);
    await page.waitForSelector('[data-testid="lake-gold-files"][data-value="7"]', { timeout: 15_000 });
    assert.equal(await page.getAttribute('[data-testid="lake-gold"]', "data-measured"), "true");
    assert.equal(await text("lake-gold-bytes"), "70.0 kB");
  });

  it("no errors in the browser console; page weight and time to first KPI recorded", async () => {
    assert.deepEqual(errors, []);
    const size = bundleSize();
    // baseline: the API answering the same first question, measured now on the same loopback
    const apiStarted = performance.now();
    await getJson(`${stack.apiUrl}/v1/kpis/latest`);
    const apiMs = performance.now() - apiStarted;
    const record = {
      measuredAt: new Date().toISOString(),
      bundle: size,
      timeToFirstKpiMs: Math.round(timings.firstKpiMs ?? Number.NaN),
      apiLatestMs: Math.round(apiMs * 10) / 10,
      newMinuteVisibleMs: Math.round(timings.newMinuteMs ?? Number.NaN),
    };
    writeFileSync(join(artifactsDir(), "page-weight.json"), `${JSON.stringify(record, null, 2)}\n`);
  });
});
