import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { DuckDBInstance } from "@duckdb/node-api";
import {
  type CompactionReport,
  deltaPath,
  hourStartMs,
  lakeStore,
  layerSpecs,
  snapshotFiles,
} from "@ecomstream/lake";
import { compactLake } from "@ecomstream/lake-ops";
import { reconcile, type TimeRange } from "@ecomstream/reconcile";
import { SparkSession } from "@ecomstream/spark-connect";
import { lakeLayout } from "@ecomstream/stage";
import { runEcom } from "../../cli/src/testing/run-ecom.js";
import { committedDeltaFiles } from "./delta-files.js";
import { ecomOk, type PipelinePlatform, privatePlatform } from "./pipeline-platform.js";

/** DuckDB's counts over the files of each table's current Delta snapshot (our own replay of its log), before `to`. */
async function duckCounts(platform: PipelinePlatform, to: Date) {
  const lake = lakeLayout(platform.config.lake.uri);
  const duck = await (await DuckDBInstance.create(":memory:")).connect();
  const files = async (uri: string) =>
    `[${(await committedDeltaFiles(fileURLToPath(uri), duck)).map((f) => `'${f.replaceAll("'", "''")}'`)}]`;
  const where = `where kafka_timestamp < to_timestamp(${to.getTime() / 1000})`;
  const count = async (uri: string, select = "count(*)") => {
    const [row] = (
      await duck.runAndReadAll(`select ${select} as n from read_parquet(${await files(uri)}) ${where}`)
    ).getRowObjectsJS();
    return Number(row?.n);
  };
  try {
    return {
      bronze: await count(lake.bronze),
      silver: await count(lake.silver),
      silverIds: await count(lake.silver, "count(distinct event_id)"),
      quarantine: await count(lake.quarantine),
    };
  } finally {
    duck.closeSync();
  }
}

/**
 * The lake's books over a closed range: every check but gold's. While traffic flows, late events
 * (event time inside the range, ingested after it) still change gold's minutes of the range.
 */
function lakeBooks(report: Awaited<ReturnType<typeof reconcile>>, what: string): void {
  const failed = report.checks.filter((c) => !c.ok && !c.check.startsWith("gold"));
  assert.deepEqual(
    failed,
    [],
    `${what}: ${failed.map((c) => `${c.check} ${c.expected} vs ${c.actual}`).join("; ")}`,
  );
}

const quarantined = (r: Awaited<ReturnType<typeof reconcile>>) =>
  [...r.counts.quarantineByReason.values()].reduce((a, b) => a + b, 0);

describe("lake compaction and replay with the pipeline running (slow)", () => {
  let platform: PipelinePlatform;
  let spark: SparkSession;

  before(async () => {
    platform = await privatePlatform();
    await ecomOk(platform, ["up"]);
    spark = await SparkSession.connect(platform.config.spark.remote);
  });

  after(async () => {
    await spark?.close();
    if (platform) await ecomOk(platform, ["down", "--purge"]);
  });

  it("merges >= 10x while writers run; reconcile and DuckDB agree before, during and after", async (t) => {
    const generate = (count: number, seed: number) =>
      ["generate", "--count", String(count), "--rate", "150", "--seed", String(seed)].concat([
        "--invalid-ratio",
        "0.04",
        "--no-progress",
      ]);
    // Phase A: a minute of traffic, one small file per micro-batch and partition.
    await ecomOk(platform, generate(9000, 11), 180_000);
    await ecomOk(platform, ["reconcile", "--wait", "240"], 300_000);
    const phaseA: TimeRange = { to: new Date() };
    const before = await reconcile(spark, platform.config, phaseA);
    assert.deepEqual(
      before.checks.filter((c) => !c.ok),
      [],
      "reconcile passes before compaction",
    );
    const duckBefore = await duckCounts(platform, phaseA.to!);
    assert.deepEqual(duckBefore, {
      bronze: before.counts.bronze,
      silver: before.counts.silver,
      silverIds: before.counts.silver,
      quarantine: quarantined(before),
    });

    // Phase B: the generator and every writer keep running while the lake is compacted.
    const phaseB = runEcom(generate(4500, 12), platform.env, 180_000);
    await new Promise((resolve) => setTimeout(resolve, 5000));
    const store = lakeStore(platform.config);
    let reports: CompactionReport[] = [];
    const compaction = compactLake(spark, store, platform.config, { closedAfterMs: -3_600_000 }).then((r) => {
      reports = r;
    });
    const during = await reconcile(spark, platform.config, phaseA);
    await compaction;
    lakeBooks(during, "reconcile passes during compaction");
    for (const layer of ["bronze", "silver", "quarantine"]) {
      const r = reports.find((x) => x.layer === layer)!;
      t.diagnostic(
        `${layer}: ${r.partitions} partitions, ${r.filesBefore} -> ${r.filesAfter} files, ${r.rows} rows`,
      );
      assert.ok(r.partitions > 0, `${layer} compacted (${r.skipped ?? ""})`);
      assert.ok(r.filesBefore >= 10 * r.filesAfter, `${layer}: ${r.filesBefore} -> ${r.filesAfter} files`);
    }
    const afterCompaction = await reconcile(spark, platform.config, phaseA);
    lakeBooks(afterCompaction, "reconcile passes after compaction");
    assert.deepEqual(afterCompaction.counts.bronze, before.counts.bronze);
    assert.deepEqual(await duckCounts(platform, phaseA.to!), duckBefore, "DuckDB reads the same rows");

    const generated = await phaseB;
    assert.equal(generated.code, 0, generated.stderr);
    await ecomOk(platform, ["reconcile", "--wait", "240"], 300_000);
    const final = await reconcile(spark, platform.config);
    assert.deepEqual(
      final.checks.filter((c) => !c.ok),
      [],
      "the whole topic reconciles after compaction",
    );
    assert.equal(final.counts.bronze, 13_500);
    const duckFinal = await duckCounts(platform, new Date(Date.now() + 3_600_000));
    assert.deepEqual(duckFinal, {
      bronze: final.counts.bronze,
      silver: final.counts.silver,
      silverIds: final.counts.silver,
      quarantine: quarantined(final),
    });

    // Replay: silver's fullest hour (compacted) deleted on purpose breaks the books; `./ecom replay`
    // of that hour restores identical counts, and a second replay changes nothing.
    const silver = layerSpecs(lakeLayout(platform.config.lake.uri)).silver;
    const rowsByHour = new Map<number, number>();
    for (const f of await snapshotFiles(spark, silver)) {
      const hour = hourStartMs(f.at);
      rowsByHour.set(hour, (rowsByHour.get(hour) ?? 0) + f.rows);
    }
    const [hourMs, rows] = [...rowsByHour].sort((a, b) => b[1] - a[1])[0]!;
    const at = new Date(hourMs);
    await (
      await spark.sql(
        `DELETE FROM ${deltaPath(silver.uri)} WHERE event_date = DATE'${at.toISOString().slice(0, 10)}' ` +
          `AND hour = ${at.getUTCHours()}`,
      )
    ).collect();
    const broken = await reconcile(spark, platform.config);
    assert.ok(
      broken.checks.some((c) => !c.ok),
      "reconcile finds the deleted hour missing from silver",
    );
    const range = ["--from", at.toISOString(), "--to", new Date(hourMs + 3_600_000).toISOString()];
    for (const run of [1, 2]) {
      await ecomOk(platform, ["replay", ...range], 300_000);
      const replayed = await reconcile(spark, platform.config);
      assert.deepEqual(
        replayed.checks.filter((c) => !c.ok),
        [],
        `reconcile passes after replay ${run}`,
      );
      assert.deepEqual(replayed.counts, final.counts, `replay ${run} restores identical counts`);
    }
    t.diagnostic(`replayed silver's hour ${at.toISOString()} (${rows} rows) twice; counts as before`);
  });
});
