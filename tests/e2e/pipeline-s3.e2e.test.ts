import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { DuckDBInstance } from "@duckdb/node-api";
import { lakeStore } from "@ecomstream/lake";
import { compactLake } from "@ecomstream/lake-ops";
import { reconcile } from "@ecomstream/reconcile";
import { SparkSession } from "@ecomstream/spark-connect";
import { kafkaCheckpoints } from "../../services/dashboard/src/console/checkpoint-offsets.js";
import { committedDeltaFiles } from "./delta-files.js";
import { ecomOk, type PipelinePlatform, privatePlatform, readManifest } from "./pipeline-platform.js";
import { listKeys, mirrorBucket } from "./s3-bucket.js";

const day = String.raw`\d{4}-\d{2}-\d{2}`;
/** Each table's folder in the bucket and the partition folders of its data files. */
const layout: Array<[string, string]> = [
  ["bronze/ecom_events/v1/", "ingest_date"],
  ["silver/ecom_events/v1/", "event_date"],
  ["quarantine/ecom_events/v1/", "ingest_date"],
  ["gold/kpi_minute/v1/", "event_date"],
];

/**
 * Waits until the gold writer holds no pending hour and has run since: every minute is final and
 * no restatement will overwrite a gold partition while the checks below list and read the bucket.
 * (A reader racing an overwrite of the same partition can miss a file, on s3a more visibly than on
 * local disk, since S3A's renames are copies.)
 */
async function waitForFinalGold(platform: PipelinePlatform, timeoutMs = 240_000): Promise<void> {
  const url = `http://127.0.0.1:${platform.config.pipeline.ports.gold}/health`;
  const since = Date.now();
  let last = "";
  while (Date.now() - since < timeoutMs) {
    const health = (await (await fetch(url)).json()) as {
      gold?: { lastRunAt: string | null; pendingHours: Record<string, string> };
    };
    last = JSON.stringify(health.gold);
    const ranSince = health.gold?.lastRunAt ? Date.parse(health.gold.lastRunAt) > since : false;
    if (ranSince && Object.keys(health.gold?.pendingHours ?? {}).length === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
  throw new Error(`gold still has pending hours after ${timeoutMs / 1000} s: ${last}`);
}

describe("the medallion pipeline on the s3 profile, lake and checkpoints in MinIO (slow)", () => {
  let platform: PipelinePlatform;
  let spark: SparkSession;
  let mirror: string | undefined;

  before(async () => {
    platform = await privatePlatform("s3");
    // the first run builds MinIO from source and resolves the S3 jars (minutes on 2 cores)
    await ecomOk(platform, ["up"], 1_800_000);
    spark = await SparkSession.connect(platform.config.spark.remote);
  });

  after(async () => {
    await spark?.close();
    if (mirror) rmSync(mirror, { recursive: true, force: true });
    if (platform) {
      await ecomOk(platform, ["down", "--purge"]);
      rmSync(platform.home, { recursive: true, force: true });
    }
  });

  it("reconciles on s3a, mc lists the partition layout, DuckDB reads the same counts", async (t) => {
    assert.equal(platform.config.lake.uri, "s3a://lake");
    assert.equal(platform.config.checkpoints.uri, "s3a://lake/_checkpoints");
    await ecomOk(platform, [
      "generate",
      "--count",
      "3000",
      "--rate",
      "max",
      "--seed",
      "20261126",
      "--invalid-ratio",
      "0.04",
      "--manifest",
      platform.manifestPath,
      "--no-progress",
    ]);
    const manifest = readManifest(platform);
    const books = await ecomOk(platform, ["reconcile", "--wait", "300"], 360_000);
    assert.match(books, /bronze \d+ = silver/);
    await waitForFinalGold(platform);

    const report = await reconcile(spark, platform.config);
    assert.equal(report.ok, true);
    assert.equal(report.counts.bronze, manifest.expected.bronzeRecords);
    assert.equal(report.counts.silver, manifest.expected.silverRows);
    assert.equal(report.duplicates, manifest.expected.droppedDuplicates);

    // MinIO's own client lists the bucket: every data file sits in its contract partition
    const keys = await listKeys(platform.config, "lake", "");
    for (const [table, partition] of layout) {
      const pattern = new RegExp(`^${table}${partition}=${day}/hour=\\d{1,2}/part-[^/]+\\.parquet$`);
      const data = keys.filter(
        (k) => k.startsWith(table) && k.endsWith(".parquet") && !k.includes("/_delta_log/"),
      );
      assert.ok(data.length > 0, `${table} has parquet files in the bucket (${keys.length} keys listed)`);
      for (const key of data) assert.match(key, pattern, `${table} key ${key}`);
    }
    for (const table of ["bronze", "silver", "quarantine"])
      assert.ok(
        keys.some((k) => k.startsWith(`${table}/ecom_events/v1/_delta_log/`)),
        `${table} Delta log`,
      );
    for (const query of ["ecom_bronze", "ecom_silver", "ecom_quarantine"])
      assert.ok(
        keys.some((k) => k.startsWith(`_checkpoints/${query}/offsets/`)),
        `${query} checkpoint in s3`,
      );

    // DuckDB (whose httpfs and delta extensions cannot be downloaded here) reads the bytes mc copied
    // out: the files each table's Delta log commits
    mirror = await mirrorBucket(platform.config, "lake");
    const duck = await (await DuckDBInstance.create(":memory:")).connect();
    const rows = async (sql: string) => (await duck.runAndReadAll(sql)).getRowObjectsJS();
    const fileLists: Record<string, string> = {};
    for (const table of [
      "bronze/ecom_events/v1",
      "silver/ecom_events/v1",
      "quarantine/ecom_events/v1",
      "gold/kpi_minute/v1",
    ])
      fileLists[table] =
        `[${(await committedDeltaFiles(join(mirror, table), duck)).map((f) => `'${f.replaceAll("'", "''")}'`)}]`;
    const files = (table: string) => fileLists[table] ?? "[]";
    try {
      const [bronze] = await rows(
        `select count(*) as n from read_parquet(${files("bronze/ecom_events/v1")})`,
      );
      assert.equal(Number(bronze?.n), manifest.expected.bronzeRecords, "DuckDB bronze count");
      const [silver] = await rows(
        `select count(*) as n, count(distinct event_id) as ids from read_parquet(${files("silver/ecom_events/v1")})`,
      );
      assert.equal(Number(silver?.n), manifest.expected.silverRows, "DuckDB silver count");
      assert.equal(Number(silver?.ids), manifest.expected.silverRows, "DuckDB silver event_ids are unique");
      const quarantine = await rows(
        `select reason, count(*) as n from read_parquet(${files("quarantine/ecom_events/v1")}) group by reason`,
      );
      assert.deepEqual(
        Object.fromEntries(quarantine.map((r) => [String(r.reason), Number(r.n)]).sort()),
        Object.fromEntries(
          Object.entries(manifest.invalidByReason)
            .filter(([, n]) => n > 0)
            .sort(),
        ),
        "DuckDB quarantine by reason",
      );
      const [gold] = await rows(
        `select count(*) as n, sum(purchases) as purchases from read_parquet(${files("gold/kpi_minute/v1")})`,
      );
      assert.equal(Number(gold?.n), manifest.kpiMinute.length, "DuckDB gold minutes");
      const purchases = manifest.kpiMinute.reduce((total, m) => total + Number(m.purchases), 0);
      assert.equal(Number(gold?.purchases), purchases, "DuckDB gold purchases");
      t.diagnostic(
        `bronze ${bronze?.n}, silver ${silver?.n}, quarantine ${quarantine.reduce((n, r) => n + Number(r.n), 0)}, ` +
          `duplicates dropped ${report.duplicates}, gold minutes ${gold?.n}; ${keys.length} objects listed by mc`,
      );
    } finally {
      duck.closeSync();
    }

    // Lake operations on S3: the topic console reads the queries' checkpoints from the bucket, and a
    // compaction (object listing, reads, the manifest's PUT, deletes) leaves reconcile's counts as they were.
    const store = lakeStore(platform.config);
    const positions = await kafkaCheckpoints(store, platform.config.checkpoints.uri);
    const bronzeAt = positions.find((p) => p.query === "ecom_bronze");
    assert.ok(bronzeAt, `ecom_bronze's checkpoint read from s3 (${positions.map((p) => p.query)})`);
    const read = [...(bronzeAt.offsets.get(platform.config.topic.name)?.values() ?? [])].reduce(
      (a, b) => a + b,
      0,
    );
    assert.equal(read, manifest.expected.bronzeRecords, "bronze's checkpoint offsets cover the topic");
    const reports = await compactLake(spark, store, platform.config, {
      layers: ["bronze", "silver", "quarantine"],
      closedAfterMs: -3_600_000,
      nowMs: Date.now(),
    });
    for (const r of reports) assert.ok(r.partitions > 0, `${r.layer} compacted on s3 (${r.skipped ?? ""})`);
    const compacted = await reconcile(spark, platform.config);
    assert.equal(compacted.ok, true, "reconcile passes after compaction on s3");
    assert.deepEqual(compacted.counts, report.counts);
    t.diagnostic(reports.map((r) => `${r.layer} ${r.filesBefore} -> ${r.filesAfter} files`).join(", "));
  });
});
