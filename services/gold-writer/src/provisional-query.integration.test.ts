import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import {
  computeKpiMinutes,
  type EcomEvent,
  type KpiMinuteRow,
  kpiMinuteColumns,
  validateRecord,
} from "@ecomstream/contracts";
import { loadConfig } from "@ecomstream/runtime";
import { SparkSession } from "@ecomstream/spark-connect";
import { createTopic, deleteTopics, type TempHome, tempHome, uniqueTopic } from "@ecomstream/testkit";
import { generate, type RawRecord, readAll, recordCount } from "./kafka.fixture.js";
import { legacyProvisionalQueryNames, provisionalQuery, provisionalQueryName } from "./provisional-query.js";

/**
 * What the provisional stream must publish, computed apart from Spark: each raw record judged by
 * the contract's TypeScript validator at its Kafka time, valid ones deduplicated by event_id (first
 * copy kept), then the contract's KPIs per minute and the newest event time per minute.
 */
function expectedMinutes(records: readonly RawRecord[]) {
  const seen = new Set<string>();
  const events: EcomEvent[] = [];
  const newest = new Map<string, number>();
  let invalid = 0;
  let duplicates = 0;
  const ordered = [...records].sort((a, b) => a.partition - b.partition || Number(a.offset - b.offset));
  for (const record of ordered) {
    const result = validateRecord(record.value, new Date(record.timestampMs));
    if (!result.ok) {
      invalid += 1;
      continue;
    }
    if (seen.has(result.event.event_id)) {
      duplicates += 1;
      continue;
    }
    seen.add(result.event.event_id);
    events.push(result.event);
    const minute = new Date(Math.floor(result.eventTimeMs / 60_000) * 60_000).toISOString();
    newest.set(minute, Math.max(newest.get(minute) ?? 0, result.eventTimeMs));
  }
  return { rows: computeKpiMinutes(events), newest, invalid, duplicates };
}

/** The last record per key: what an upserting consumer ends with (one partition, so in order). */
function lastPerKey(records: readonly RawRecord[]): Map<string, Record<string, unknown>> {
  const byKey = new Map<string, Record<string, unknown>>();
  for (const record of records)
    byKey.set(String(record.key), JSON.parse(String(record.value)) as Record<string, unknown>);
  return byKey;
}

describe("provisional kpi_minute stream: raw Kafka topic -> KPI topic (slow)", { timeout: 300_000 }, () => {
  let session: SparkSession;
  let home: TempHome;
  const rawTopic = uniqueTopic("gold-writer-test-raw");
  const kpiTopic = uniqueTopic("gold-writer-test-kpi");
  before(async () => {
    session = await SparkSession.connect(
      `${loadConfig().spark.remote.replace(/\/$/, "")}/;user_id=gold-writer-provisional-test`,
    );
    home = tempHome("gold-writer-", {
      ECOM_TOPIC: rawTopic,
      ECOM_KPI_TOPIC: kpiTopic,
      ECOM_PROVISIONAL_TRIGGER: "1 second",
      // several batches, so deduplication and the watermark work across batches
      ECOM_PROVISIONAL_MAX_OFFSETS_PER_TRIGGER: "700",
    });
    await createTopic(rawTopic, 3);
    await createTopic(kpiTopic, 1);
  });
  after(async () => {
    await deleteTopics([rawTopic, kpiTopic]);
    await session?.close();
    home?.remove();
  });

  it("publishes, per minute, the contract's KPIs over valid deduplicated events and their newest event time", async () => {
    // About 6.5 events per second of event time: this seed's 4000 records span 10 min 20 s, so they
    // start 12 minutes back and all lie in the past (from 10 minutes back, a run started in the first
    // 20 s of a minute saw a batch time before the newest event's time).
    const start = new Date(Math.floor(Date.now() / 60_000) * 60_000 - 12 * 60_000).toISOString();
    const manifestPath = join(home.dir, "manifest.json");
    await generate(home.config, [
      ...["--count", "4000", "--rate", "max", "--seed", "20260301", "--start", start, "--speed", "0.01"],
      ...["--invalid-ratio", "0.05", "--duplicate-ratio", "0.05", "--late-ratio", "0"],
      ...["--manifest", manifestPath],
    ]);
    const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as {
      records: { total: number; invalid: number; duplicates: number };
      kpiMinute: KpiMinuteRow[];
    };
    const raw = await readAll(rawTopic, await recordCount(rawTopic));
    const expected = expectedMinutes(raw);
    assert.equal(raw.length, manifest.records.total);
    assert.ok(
      manifest.records.invalid > 0 && manifest.records.duplicates > 0,
      "invalid and duplicate records",
    );
    assert.equal(expected.invalid, manifest.records.invalid);
    assert.equal(expected.duplicates, manifest.records.duplicates);
    assert.deepEqual(
      expected.rows.map((r) => [r.window_start, r.events, r.purchases, r.unique_sessions]),
      manifest.kpiMinute.map((r) => [r.window_start, r.events, r.purchases, r.unique_sessions]),
      "the validator's minutes equal the generator's manifest",
    );
    assert.ok(expected.rows.length >= 4, `${expected.rows.length} minutes`);
    const newest = Math.max(...expected.newest.values());
    assert.ok(newest < Date.now(), `the newest event (${new Date(newest).toISOString()}) lies in the past`);

    // a provisional query of the earlier kind (it read silver), still running in the stage's session
    const legacy = await session.readStream
      .format("rate")
      .option("rowsPerSecond", 1)
      .load()
      .writeStream.format("noop")
      .queryName(legacyProvisionalQueryNames[0]!)
      .option("checkpointLocation", `${home.config.checkpoints.uri}/legacy`)
      .start();
    const query = await provisionalQuery(home.config).start(session);
    try {
      assert.equal(query.name, provisionalQueryName);
      const active = (await session.streams.active()).map((q) => q.name);
      assert.ok(!active.includes(legacy.name), `the earlier query stopped (active: ${active.join(", ")})`);
      await query.processAllAvailable();
    } finally {
      await query.stop();
      await legacy.stop().catch(() => undefined);
    }

    const published = await readAll(kpiTopic, await recordCount(kpiTopic));
    const byKey = lastPerKey(published);
    assert.ok(published.length > byKey.size, "minutes were updated by more than one batch");
    assert.deepEqual(
      [...byKey.keys()].sort(),
      expected.rows.map((e) => e.window_start),
    );
    for (const exp of expected.rows) {
      const value = byKey.get(exp.window_start)!;
      const at = exp.window_start;
      assert.deepEqual(Object.keys(value), [
        ...kpiMinuteColumns.map((c) => c.name),
        "is_final",
        "updated_at",
        "max_event_ts",
      ]);
      assert.equal(value.window_start, exp.window_start);
      assert.equal(value.window_end, exp.window_end);
      for (const c of ["events", "page_views", "product_views", "add_to_carts", "remove_from_carts"] as const)
        assert.equal(value[c], exp[c], `${at} ${c}`);
      for (const c of ["checkouts", "purchases", "payment_failures"] as const)
        assert.equal(value[c], exp[c], `${at} ${c}`);
      for (const c of ["unique_users", "unique_sessions"] as const)
        assert.ok(Math.abs((value[c] as number) - exp[c]) <= 0.02 * exp[c], `${at} ${c}`);
      assert.ok(
        Math.abs((value.revenue_usd as number) - exp.revenue_usd) <= 1e-9 * Math.max(1, exp.revenue_usd),
        `${at} revenue_usd ${value.revenue_usd} vs ${exp.revenue_usd}`,
      );
      assert.equal(value.is_final, false);
      assert.equal(Date.parse(String(value.max_event_ts)), expected.newest.get(at), `${at} max_event_ts`);
      assert.ok(
        Date.parse(String(value.updated_at)) >= Date.parse(String(value.max_event_ts)),
        `${at} updated_at ${value.updated_at} before max_event_ts ${value.max_event_ts}`,
      );
    }
  });
});
