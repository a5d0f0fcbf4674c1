import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import {
  applyRetention,
  applyServingRetention,
  commitVersions,
  deltaPath,
  ensureDeltaTable,
  type LakeStore,
  lakeStore,
} from "@ecomstream/lake";
import { goldDdl, hourOf, hourStartMs, type LayerName, utcDateHour } from "@ecomstream/lake-model";
import { SparkSession } from "@ecomstream/spark-connect";
import {
  appendBronze,
  expectedVerdict,
  runQueries,
  shopRecords,
  specsOf,
  type TempHome,
  tempDatabase,
  tempHome,
} from "@ecomstream/testkit";
import { silverWriterQueries, tableSummary } from "./silver-lake.fixture.js";

const day = 86_400_000;

const dataFiles = (uri: string, partition: string) => {
  try {
    return readdirSync(`${fileURLToPath(uri)}/${partition}`).filter((f) => f.endsWith(".parquet")).length;
  } catch {
    return 0;
  }
};

/** Gold rows for the minutes starting at `minutesMs`: one event each, every other figure 0. */
async function appendGold(session: SparkSession, store: LakeStore, home: TempHome, minutesMs: number[]) {
  const spec = specsOf(home).gold;
  const [date, hour] = utcDateHour("window_start", "event_date", "hour");
  const value = (column: string) => {
    const [name, type] = column.split(" ") as [string, string];
    if (name === "window_start") return name;
    if (name === "window_end") return "window_start + INTERVAL 1 MINUTE AS window_end";
    if (name === "event_date") return date!;
    if (name === "hour") return hour!;
    if (name === "events") return "CAST(1 AS BIGINT) AS events";
    if (name === "is_final") return "true AS is_final";
    if (name === "updated_at") return "current_timestamp() AS updated_at";
    return `CAST(0 AS ${type}) AS ${name}`;
  };
  const df = await session.sql(
    `SELECT ${goldDdl.split(", ").map(value).join(", ")} FROM ` +
      `(SELECT timestamp_millis(t) AS window_start FROM VALUES ${minutesMs.map((t) => `(${t})`).join(", ")} AS v(t))`,
  );
  await ensureDeltaTable(session, store, spec);
  await df.write.format("delta").mode("append").save(spec.uri);
}

describe("retention on Delta tables (Spark, Postgres)", () => {
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

  it("deletes exactly the partitions older than each layer's age, vacuums their files after the grace period, and the matching serving rows; silver's stream goes on", async () => {
    const specs = specsOf(home);
    const now = Date.now();
    // 40 days old (beyond every layer), 20 days old (beyond silver and gold only), 1 day old
    const starts = [40, 20, 1].map((d) => hourStartMs(hourOf(now - d * day)));
    const sets = starts.map((s, i) => shopRecords(s, i * 200, 200, 1_800_000));
    for (const records of sets) {
      await appendBronze(session, home.lake, "t", records);
      await runQueries(session, silverWriterQueries(home));
    }
    await appendGold(
      session,
      store,
      home,
      starts.flatMap((s) => [0, 1, 2].map((m) => s + m * 60_000)),
    );
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
    const run = (layer: LayerName, extra: { dryRun?: boolean; graceMs?: number } = {}) =>
      applyRetention(session, store, specs[layer], {
        maxAgeMs: maxAge[layer],
        graceMs: 3_600_000,
        nowMs: now,
        ...extra,
      });
    const oldest = hourOf(starts[0]!);
    const middle = hourOf(starts[1]!);
    const key = (h: { date: string; hour: number }) => `${h.date}/${String(h.hour).padStart(2, "0")}`;
    const bronzeFolder = `ingest_date=${oldest.date}/hour=${oldest.hour}`;
    const oldBronzeFiles = dataFiles(specs.bronze.uri, bronzeFolder);
    assert.ok(oldBronzeFiles > 0);

    const bronzeBefore = await tableSummary(session, store, specs.bronze, "offset");
    const dry = await run("bronze", { dryRun: true });
    assert.deepEqual(dry.partitions, [key(oldest)]);
    assert.equal(dry.rows, 200);
    assert.ok(dry.files > 0 && dry.bytes > 0);
    assert.deepEqual(
      await tableSummary(session, store, specs.bronze, "offset"),
      bronzeBefore,
      "a dry run changes nothing",
    );
    const versionBefore = (await commitVersions(store, specs.bronze.uri)).at(-1);

    const reports = Object.fromEntries(
      await Promise.all(
        (["bronze", "silver", "quarantine", "gold"] as const).map(async (l) => [l, await run(l)]),
      ),
    );
    assert.deepEqual(reports.bronze.partitions, [key(oldest)]);
    assert.equal(reports.bronze.files, dry.files, "the DELETE removes the files the dry run named");
    assert.equal(reports.bronze.bytes, dry.bytes);
    assert.equal(reports.bronze.deleted, 0, "dropped files stay on disk for the grace period");
    assert.ok(reports.quarantine.partitions.includes(key(oldest)));
    assert.ok(!reports.quarantine.partitions.includes(key(middle)));
    assert.ok(reports.silver.partitions.includes(key(middle)), "silver drops the 20-day-old hours");
    assert.ok(reports.silver.partitions.includes(key(oldest)));
    assert.deepEqual(reports.gold.partitions, [key(oldest), key(middle)]);
    assert.equal(reports.gold.rows, 6);

    const keptOffsets = [...sets[1]!, ...sets[2]!].map((r) => String(r.offset)).sort();
    assert.deepEqual((await tableSummary(session, store, specs.bronze, "offset")).ids, keptOffsets);
    assert.deepEqual(
      (await tableSummary(session, store, specs.silver, "event_id")).ids,
      expectedVerdict(sets[2]!).ids,
      "silver keeps the recent events only",
    );
    const [sum] = await (
      await session.sql(`SELECT sum(events) AS n FROM ${deltaPath(specs.gold.uri)}`)
    ).collect();
    assert.equal(Number(sum!.n), 3, "gold keeps the recent minutes only");
    assert.equal(
      dataFiles(specs.bronze.uri, bronzeFolder),
      oldBronzeFiles,
      "files stay for the grace period",
    );
    const [old] = await (
      await session.sql(
        `SELECT count(*) AS n FROM ${deltaPath(specs.bronze.uri)} VERSION AS OF ${versionBefore}`,
      )
    ).collect();
    assert.equal(Number(old!.n), 600, "time travel before the DELETE reads the dropped rows meanwhile");

    const serving = await applyServingRetention(db.pool, {
      goldFrom: reports.gold.retainedFrom,
      bronzeFrom: reports.bronze.retainedFrom,
    });
    assert.deepEqual(serving, { kpiMinute: 6, qualityMinute: 3 });
    const left = await db.pool.query("SELECT count(*)::int AS n FROM serving.kpi_minute");
    assert.equal(left.rows[0].n, 3);

    // After the grace period (a second here; Delta takes it from the table's property, not from
    // VACUUM's RETAIN) VACUUM deletes the files; nothing more is dropped.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const later = await run("bronze", { graceMs: 1_000 });
    const [property] = await (
      await session.sql(
        `SHOW TBLPROPERTIES ${deltaPath(specs.bronze.uri)} ('delta.deletedFileRetentionDuration')`,
      )
    ).collect();
    assert.equal(property?.value, "interval 1 seconds");
    assert.deepEqual(later.partitions, []);
    assert.ok(later.deleted >= oldBronzeFiles, `${later.deleted} files vacuumed`);
    assert.equal(dataFiles(specs.bronze.uri, bronzeFolder), 0);
    assert.deepEqual((await tableSummary(session, store, specs.bronze, "offset")).ids, keptOffsets);

    // silver-writer's streams read bronze with skipChangeCommits: the DELETE does not stop them.
    const fresh = shopRecords(hourStartMs(hourOf(now)) - 3_600_000, 600, 100, 600_000);
    await appendBronze(session, home.lake, "t", fresh);
    await runQueries(session, silverWriterQueries(home));
    assert.deepEqual(
      (await tableSummary(session, store, specs.silver, "event_id")).ids,
      expectedVerdict([...sets[2]!, ...fresh]).ids,
      "silver goes on after bronze's DELETE",
    );
  });
});
