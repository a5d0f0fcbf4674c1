import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { restateGold } from "@ecomstream/gold-writer";
import { tempDatabase } from "@ecomstream/runtime";
import { SparkSession } from "@ecomstream/spark-connect";
import { type TempHome, tempHome } from "@ecomstream/stage";
import { hourOf, hourStartMs, type LayerName } from "./layers.js";
import {
  appendBronze,
  expectedVerdict,
  runSilverWriter,
  shopRecords,
  silverWriterConsumers,
  specsOf,
  tableSummary,
} from "./pipeline-fixture.js";
import { applyRetention, applyServingRetention } from "./retention.js";
import { type LakeStore, lakeStore } from "./store.js";
import { readTable } from "./table-reader.js";

const day = 86_400_000;

const dataFiles = (uri: string, partition: string) => {
  try {
    return readdirSync(`${fileURLToPath(uri)}/${partition}`).filter((f) => f.endsWith(".parquet")).length;
  } catch {
    return 0;
  }
};

describe("retention (Spark, Postgres)", () => {
  let session: SparkSession;
  let home: TempHome;
  let store: LakeStore;
  let db: Awaited<ReturnType<typeof tempDatabase>>;

  before(async () => {
    home = tempHome("ecom-retention-", { ECOM_SILVER_TRIGGER: "1 second" });
    session = await SparkSession.connect(home.config.spark.remote);
    store = lakeStore(home.config);
    db = await tempDatabase("ecom_lake_test");
  });
  after(async () => {
    await session?.close();
    await db?.drop();
    home?.remove();
  });

  it("drops exactly the partitions older than each layer's age, their files after the grace period, and the matching serving rows", async () => {
    const specs = specsOf(home);
    const now = Date.now();
    // 40 days old (beyond every layer), 20 days old (beyond silver and gold only), 1 day old
    const starts = [40, 20, 1].map((d) => hourStartMs(hourOf(now - d * day)));
    const sets = starts.map((s, i) => shopRecords(s, i * 200, 200, 1_800_000));
    for (const records of sets) {
      await appendBronze(session, home, "t", records);
      await runSilverWriter(session, home);
    }
    await restateGold(session, home.lake, store);
    for (const s of starts) {
      for (let m = 0; m < 3; m++) {
        const at = new Date(s + m * 60_000);
        await db.pool.query(
          "INSERT INTO serving.kpi_minute (window_start, window_end, events, page_views, product_views, add_to_carts, " +
            "remove_from_carts, checkouts, purchases, payment_failures, unique_users, unique_sessions, revenue_usd) " +
            "VALUES ($1, $2, 1, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0)",
          [at, new Date(at.getTime() + 60_000)],
        );
        await db.pool.query(
          "INSERT INTO serving.quality_minute (minute, records, valid, quarantined, duplicates, late) VALUES ($1, 1, 1, 0, 0, 0)",
          [at],
        );
      }
    }
    const maxAge: Record<LayerName, number> = {
      bronze: 30 * day,
      quarantine: 30 * day,
      silver: 14 * day,
      gold: 14 * day,
    };
    const consumers = silverWriterConsumers(home);
    const run = (layer: LayerName, extra: { dryRun?: boolean; nowMs?: number } = {}) =>
      applyRetention(store, specs[layer], {
        maxAgeMs: maxAge[layer],
        graceMs: 60_000,
        consumers: layer === "bronze" ? [consumers.silver, consumers.quarantine] : [],
        nowMs: now,
        ...extra,
      });
    const bronzeBefore = await tableSummary(session, store, specs.bronze, "offset");
    const dry = await run("bronze", { dryRun: true });
    assert.equal(dry.partitions.length, 1, `bronze: ${dry.partitions}`);
    assert.deepEqual(
      await tableSummary(session, store, specs.bronze, "offset"),
      bronzeBefore,
      "a dry run changes nothing",
    );

    const reports = Object.fromEntries(
      await Promise.all(
        (["bronze", "silver", "quarantine", "gold"] as const).map(async (l) => [l, await run(l)]),
      ),
    );
    const oldest = hourOf(starts[0]!);
    const middle = hourOf(starts[1]!);
    const key = (h: { date: string; hour: number }) => `${h.date}/${String(h.hour).padStart(2, "0")}`;
    assert.deepEqual(reports.bronze.partitions, [key(oldest)]);
    assert.ok(reports.bronze.files > 0 && reports.bronze.bytes > 0);
    assert.equal(reports.bronze.unreadFiles, 0);
    assert.ok(reports.quarantine.partitions.includes(key(oldest)));
    assert.ok(!reports.quarantine.partitions.includes(key(middle)));
    assert.ok(reports.silver.partitions.includes(key(middle)), "silver drops the 20-day-old hours");
    assert.ok(reports.gold.partitions.includes(key(middle)));

    const keptOffsets = [...sets[1]!, ...sets[2]!].map((r) => String(r.offset)).sort();
    assert.deepEqual((await tableSummary(session, store, specs.bronze, "offset")).ids, keptOffsets);
    assert.deepEqual(
      (await tableSummary(session, store, specs.silver, "event_id")).ids,
      expectedVerdict(sets[2]!).ids,
      "silver keeps the recent events only",
    );
    const gold = await readTable(session, store, specs.gold);
    const [sum] = await gold.frame!.selectExpr("sum(events) AS n").collect();
    assert.equal(Number(sum!.n), expectedVerdict(sets[2]!).ids.length, "gold keeps the recent minutes only");
    const goldFolder = `event_date=${middle.date}/hour=${middle.hour}`;
    assert.equal(dataFiles(specs.gold.uri, goldFolder), 0, "gold partitions are deleted at once");
    const bronzeFolder = `ingest_date=${oldest.date}/hour=${oldest.hour}`;
    assert.ok(dataFiles(specs.bronze.uri, bronzeFolder) > 0, "sink files stay for the grace period");

    const serving = await applyServingRetention(db.pool, {
      goldFrom: reports.gold.retainedFrom,
      bronzeFrom: reports.bronze.retainedFrom,
    });
    assert.deepEqual(serving, { kpiMinute: 6, qualityMinute: 3 });
    const left = await db.pool.query("SELECT count(*)::int AS n FROM serving.kpi_minute");
    assert.equal(left.rows[0].n, 3);

    // after the grace period the next run deletes the files; it drops nothing more
    const later = await run("bronze", { nowMs: now + 60_000 });
    assert.ok(later.deleted >= reports.bronze.files);
    assert.deepEqual(later.partitions, []);
    assert.equal(dataFiles(specs.bronze.uri, bronzeFolder), 0);
    assert.deepEqual((await tableSummary(session, store, specs.bronze, "offset")).ids, keptOffsets);
  });
});
