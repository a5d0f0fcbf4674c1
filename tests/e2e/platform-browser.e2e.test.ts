import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { type PartitionRange, topicRange } from "@ecomstream/reconcile";
import { stopDaemon } from "@ecomstream/runtime";
import {
  artifactsDir,
  collectPageErrors,
  launchChromium,
  notYet,
  runEcom,
  waitFor,
} from "@ecomstream/testkit";
import { Consumer, MessagesStreamModes, stringDeserializers } from "@platformatic/kafka";
import type { Browser, Page } from "playwright-core";
import { statePaths } from "../../cli/src/state.js";
import {
  deletePlatformTopics,
  ecomOk,
  type PipelinePlatform,
  privateDatabase,
  privatePlatform,
} from "./pipeline-platform.js";

type Minute = {
  window_start: string;
  purchases: number;
  revenue_usd: number;
  aov_usd: number | null;
  conversion_rate: number | null;
  payment_failure_rate: number | null;
  unique_sessions: number;
  is_final: boolean;
};
type Stage = { stage: string };

/** The tiles of the overview and the API's fields they show. */
const tiles = (m: Minute): Record<string, number | null> => ({
  orders: m.purchases,
  revenue: m.revenue_usd,
  aov: m.aov_usd,
  conversion: m.conversion_rate,
  "payment-failures": m.payment_failure_rate,
  sessions: m.unique_sessions,
});

/** The newest committed batch of a Spark query's checkpoint and its Kafka positions, read from disk. */
function checkpointPositions(
  folder: string,
  topic: string,
): { batch: number; positions: Map<number, number> } {
  const numbered = (dir: string) =>
    readdirSync(join(folder, dir))
      .filter((name) => /^\d+$/.test(name))
      .map(Number);
  const batch = Math.max(...numbered("commits"));
  // offsets/N: a version line, the batch's metadata, then one line per source
  const source =
    readFileSync(join(folder, "offsets", String(batch)), "utf8")
      .trim()
      .split("\n")[2] ?? "{}";
  const partitions = (JSON.parse(source) as Record<string, Record<string, number>>)[topic] ?? {};
  return { batch, positions: new Map(Object.entries(partitions).map(([p, o]) => [Number(p), o])) };
}

describe("platform in Chromium: generator -> pipeline -> API -> dashboard and topic console (slow)", () => {
  let platform: PipelinePlatform;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let apiUrl: string;
  let dashboardUrl: string;
  let consoleUrl: string;
  let database: Awaited<ReturnType<typeof privateDatabase>> | undefined;
  const group = `e2e-browser-${randomBytes(4).toString("hex")}`;
  const timings: Record<string, number> = {};
  const getJson = async <T>(path: string): Promise<T> => {
    const response = await fetch(`${apiUrl}${path}`);
    const text = await response.text();
    assert.equal(response.status, 200, `${path}: ${text}`);
    return JSON.parse(text) as T;
  };
  const latest = async () => (await getJson<{ minute: Minute | null }>("/v1/kpis/latest")).minute;
  const shot = (name: string) =>
    page.screenshot({ path: join(artifactsDir(), `platform-${name}.png`), fullPage: true });
  const kafka = () => platform.config.kafka.bootstrap;

  before(async () => {
    platform = await privatePlatform();
    // fed by the generator; a database of its own, as the loader writes serving tables others read
    platform.env.ECOM_GENERATOR_RATE = "50";
    database = await privateDatabase(platform, "browser");
    const started = performance.now();
    const printed = await ecomOk(platform, ["up"], 300_000);
    timings.upMs = performance.now() - started;
    const url127 = (pattern: RegExp) => {
      const found = printed.match(pattern)?.[1];
      assert.ok(found, `./ecom up printed no ${pattern}:\n${printed}`);
      // the browser opens the platform as 127.0.0.1, which the API's default CORS origins allow too
      return found.replace("localhost", "127.0.0.1");
    };
    apiUrl = url127(/^API: (\S+)/m);
    dashboardUrl = url127(/^dashboard: (\S+)/m);
    consoleUrl = url127(/^topic console: (\S+)/m);
    assert.equal(new URL(dashboardUrl).port, platform.env.ECOM_DASHBOARD_PORT);
    assert.equal(new URL(consoleUrl).port, platform.env.ECOM_CONSOLE_PORT);
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    errors = collectPageErrors(page);
  });

  after(async () => {
    await browser?.close();
    if (platform) {
      await ecomOk(platform, ["down", "--purge"]);
      await deletePlatformTopics(platform, [group]);
    }
    await database?.drop();
  });

  it("overview: the tiles show the API's latest minute as the loader serves it", async () => {
    const started = performance.now();
    await waitFor(
      "the loader's first minute in /v1/kpis/latest",
      async () => ((await latest()) === null ? notYet("no minute yet") : true),
      180_000,
      1000,
    );
    timings.firstMinuteAfterUpMs = performance.now() - started;
    await page.goto(dashboardUrl);
    await page.locator('[data-testid="kpi-orders"] .tile-value').waitFor();
    // the generator keeps the newest minute moving: compare when the API answered the same twice
    await waitFor(
      "tiles equal to the API's latest minute",
      async () => {
        const before = await latest();
        if (!before) return notYet("no minute");
        const shown: Record<string, string | null> = {};
        for (const id of Object.keys(tiles(before)))
          shown[id] = await page.getAttribute(`[data-testid="kpi-${id}"]`, "data-value");
        const minute = await page.getAttribute('[data-testid="latest-minute"]', "data-minute");
        const after = await latest();
        if (JSON.stringify(before) !== JSON.stringify(after))
          return notYet("the API's minute changed meanwhile");
        const expected = tiles(after as Minute);
        try {
          assert.equal(minute, after?.window_start);
          for (const id of Object.keys(expected))
            assert.equal(shown[id], String(expected[id] ?? ""), `tile ${id}`);
          return true;
        } catch (error) {
          return notYet((error as Error).message);
        }
      },
      60_000,
      1000,
    );
    await shot("overview");
  });

  it("overview: a new minute appears without a reload once the API has it", async () => {
    const shown = (await page.getAttribute('[data-testid="latest-minute"]', "data-minute")) ?? "";
    await page.evaluate("window.__sameDocument = true");
    // the generator keeps producing: the next minute reaches the API after the clock passes it
    // bounded: the minute after the shown one closes, then the pipeline's latency on a loaded machine
    const bound = Math.max(Date.now(), Date.parse(shown) + 60_000) - Date.now() + 150_000;
    const { next } = await waitFor(
      "a newer minute in the API",
      async () => {
        const minute = await latest();
        return minute && minute.window_start > shown
          ? { next: minute.window_start }
          : notYet(`page at ${shown}, API at ${minute?.window_start}, now ${new Date().toISOString()}`);
      },
      bound,
      1000,
    );
    const started = performance.now();
    await page.waitForFunction(
      `(document.querySelector('[data-testid="latest-minute"]')?.getAttribute("data-minute") ?? "") >= ${JSON.stringify(next)}`,
      null,
      { timeout: 10_000 },
    );
    timings.newMinuteAfterApiMs = performance.now() - started;
    assert.equal(await page.evaluate("window.__sameDocument"), true, "the page was reloaded");
    assert.equal(await page.getAttribute('[data-testid="live-state"]', "data-state"), "live");
  });

  it("pipeline: the page shows the real platform's stages", async () => {
    const stages = await waitFor(
      "every stage in /v1/pipeline",
      async () => {
        const { stages } = await getJson<{ stages: Stage[] }>("/v1/pipeline");
        const names = stages.map((s) => s.stage).sort();
        return ["bronze-writer", "gold-writer", "loader", "silver-writer"].every((s) => names.includes(s))
          ? names
          : notYet(`stages ${names.join(",")}`);
      },
      120_000,
      1000,
    );
    await page.click('nav a[href="/pipeline"]');
    for (const stage of stages) {
      const card = page.locator(`[data-testid="stage-${stage}"]`);
      await card.waitFor();
      assert.match((await card.getAttribute("data-light")) ?? "", /^(red|amber|green)$/, stage);
    }
    assert.equal(await page.locator('[data-testid^="stage-"][data-light]').count(), stages.length);
    await shot("pipeline");
    assert.deepEqual(errors, [], "no errors in the browser console");
  });

  it("lake: lake-ops, started by up, measures the real lake; the page shows what the API answers", async () => {
    const status = await runEcom(["status"], platform.env);
    assert.match(status.stdout, /^lake-ops\s+healthy/m, status.stdout);
    type Layer = {
      layer: string;
      files: number;
      bytes: number;
      partitions: number;
      updated_at: string | null;
    };
    const lake = () => getJson<{ layers: Layer[] }>("/v1/lake");
    await waitFor(
      "bronze and silver files measured by lake-ops in /v1/lake",
      async () => {
        const { layers } = await lake();
        const measured = layers.filter((l) => ["bronze", "silver"].includes(l.layer) && l.files > 0);
        return measured.length === 2 ? true : notYet(JSON.stringify(layers));
      },
      180_000,
      1000,
    );
    await page.click('nav a[href="/lake"]');
    await page.locator('[data-testid="lake-bronze"][data-measured="true"]').waitFor();
    // lake-ops measures every minute: compare when the API answered the same twice
    await waitFor(
      "lake tiles equal to /v1/lake",
      async () => {
        const before = await lake();
        const shown: string[] = [];
        for (const l of before.layers)
          for (const field of ["files", "bytes", "partitions"])
            shown.push(
              `${l.layer}.${field}=${await page.getAttribute(`[data-testid="lake-${l.layer}-${field}"]`, "data-value")}`,
            );
        const after = await lake();
        // ages move with the clock; the figures change only when lake-ops measures again
        const figures = (answer: { layers: Layer[] }) =>
          answer.layers.flatMap((l) => [
            `${l.layer}.files=${l.files}`,
            `${l.layer}.bytes=${l.bytes}`,
            `${l.layer}.partitions=${l.partitions}`,
          ]);
        const expected = figures(after);
        if (JSON.stringify(figures(before)) !== JSON.stringify(expected))
          return notYet("lake-ops measured meanwhile");
        return JSON.stringify(shown) === JSON.stringify(expected)
          ? true
          : notYet(`shown ${shown.join(" ")}, API ${expected.join(" ")}`);
      },
      60_000,
      1000,
    );
    await page.locator('[data-testid="lake-partitions"] tbody tr').first().waitFor();
    await shot("lake");
    assert.deepEqual(errors, [], "no errors in the browser console");
  });

  it("topic console: Kafka's end offsets, bronze's lag from its checkpoint, a message found by key", async () => {
    // the producer stops, so Kafka's end offsets stay put while the console is compared with them
    await stopDaemon(statePaths(platform.config).pid("generator"), { graceMs: 15_000 });
    const topic = platform.config.topic.name;
    const ends: PartitionRange[] = await topicRange(kafka(), topic);
    const total = ends.reduce((sum, p) => sum + p.latest, 0);
    assert.ok(total > 0, "the generator produced records");

    const console_ = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    const consoleErrors = collectPageErrors(console_);
    await console_.goto(consoleUrl);
    const row = console_.locator(`[data-testid="topics"] tr[data-topic="${topic}"]`);
    await row.waitFor();
    // the console polls every 5 s; its answer after the stop equals Kafka's
    const shownEnds = ends
      .map(
        (p) =>
          `document.querySelector('[data-testid="topics"] tr[data-topic="${topic}"] [data-partition="${p.partition}"]')?.getAttribute("data-end") === "${p.latest}"`,
      )
      .join(" && ");
    await console_.waitForFunction(shownEnds, null, { timeout: 15_000 });
    assert.equal(await row.locator("[data-partition]").count(), ends.length);

    // bronze catches up with the last records; its lag is the end offsets minus the checkpoint's positions
    const folder = join(fileURLToPath(platform.config.checkpoints.uri), "ecom_bronze");
    const bronze = console_.locator('[data-testid="consumers"] tr[data-consumer="ecom_bronze"]');
    await waitFor(
      "ecom_bronze's lag from its newest checkpoint",
      async () => {
        const { batch, positions } = checkpointPositions(folder, topic);
        if ((await bronze.count()) === 0) return notYet("no ecom_bronze row");
        const state = (await bronze.locator("td").nth(2).textContent()) ?? "";
        if (!state.includes(`batch ${batch} committed`))
          return notYet(`console shows '${state}', checkpoint ${batch}`);
        const expected = ends.map((p) => {
          const position = positions.get(p.partition) ?? 0;
          return `${p.partition}: ${p.latest - position} (${position}/${p.latest})`;
        });
        const shown = await bronze.locator(".offset").allTextContents();
        const lag = Number(await bronze.getAttribute("data-lag"));
        const expectedLag = ends.reduce((sum, p) => sum + p.latest - (positions.get(p.partition) ?? 0), 0);
        return JSON.stringify(shown) === JSON.stringify(expected) && lag === expectedLag
          ? true
          : notYet(
              `shown ${JSON.stringify(shown)} lag ${lag}, expected ${JSON.stringify(expected)} lag ${expectedLag}`,
            );
      },
      90_000,
      1000,
    );
    await console_.screenshot({ path: join(artifactsDir(), "platform-topic-console.png"), fullPage: true });

    // a record read straight from Kafka: the newest of the fullest partition
    const fullest = ends.reduce((a, b) => (b.latest - b.earliest > a.latest - a.earliest ? b : a));
    const consumer = new Consumer({
      groupId: group,
      clientId: "e2e-browser",
      bootstrapBrokers: kafka().split(","),
      deserializers: stringDeserializers,
    });
    let record: { key: string; offset: number } | undefined;
    try {
      const stream = await consumer.consume({
        topics: [topic],
        mode: MessagesStreamModes.MANUAL,
        offsets: [{ topic, partition: fullest.partition, offset: BigInt(fullest.latest - 1) }],
        autocommit: false,
      });
      const timer = setTimeout(() => void stream.close(), 30_000);
      for await (const message of stream) {
        record = { key: String(message.key), offset: Number(message.offset) };
        break;
      }
      clearTimeout(timer);
    } finally {
      await consumer.close(true);
    }
    assert.ok(record && record.key !== "", "a keyed record read from Kafka");
    await console_.selectOption('[data-testid="browse-topic"]', topic);
    await console_.fill('[data-testid="browse-key"]', record.key);
    await console_.click('[data-testid="browse-go"]');
    await console_
      .locator(`[data-testid="messages"] li[data-key="${record.key}"][data-offset="${record.offset}"]`)
      .waitFor({ timeout: 30_000 });
    const keys = await console_
      .locator('[data-testid="messages"] li')
      .evaluateAll((items) => items.map((li) => li.getAttribute("data-key") ?? ""));
    assert.ok(
      keys.every((key) => key.includes(record?.key ?? "")),
      `only records whose key holds ${record.key}`,
    );
    await console_.screenshot({
      path: join(artifactsDir(), "platform-topic-console-message.png"),
      fullPage: true,
    });
    assert.deepEqual(consoleErrors, [], "no errors in the console's browser console");

    writeFileSync(
      join(artifactsDir(), "platform-timings.json"),
      `${JSON.stringify({ measuredAt: new Date().toISOString(), records: total, ...Object.fromEntries(Object.entries(timings).map(([k, v]) => [k, Math.round(v)])) }, null, 2)}\n`,
    );
  });
});
