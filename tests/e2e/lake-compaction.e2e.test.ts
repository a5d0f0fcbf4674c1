import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { DuckDBInstance } from "@duckdb/node-api";
import { type CompactionReport, deltaPath, lakeStore, snapshotFiles, tableHealth } from "@ecomstream/lake";
import { hourOf, hourStartMs, lakeLayout, layerSpecs } from "@ecomstream/lake-model";
import { compactLake } from "@ecomstream/lake-ops";
import { reconcile, type TimeRange } from "@ecomstream/reconcile";
import { SparkSession } from "@ecomstream/spark-connect";
import { runEcom } from "@ecomstream/testkit";
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

/** The tables the writers stream into, one small file per micro-batch and hour partition. */
const streamed = ["bronze", "silver", "quarantine"] as const;
type Streamed = (typeof streamed)[number];
/** The merge the test asserts: this many files or more into one, per table. */
const mergeRatio = 10;
/**
 * How long phase A's traffic may last to give every streamed table a partition of `mergeRatio`
 * files. Files come one per micro-batch, so with time, not with events: a minute makes up to 60 on
 * an idle machine, 5 with micro-batches of ~12 s, under 2 with the shared Spark server's 40 s ones.
 */
const trafficBudgetMs = 12 * 60_000;
/** How long the lake may take to hold all the topic after traffic (several minutes with the shared server busy). */
const lakeWaitS = 480;

interface Partition {
  hourMs: number;
  files: number;
  bytes: number;
}

/**
 * Per streamed table, from the current Delta snapshot (read from the log): its largest hour
 * partition of `mergeRatio` files or more, else the one with the most files. Late events give
 * silver's previous hour a file of a few rows per micro-batch too: the hour holding the traffic is
 * the one to compact and replay when it has the files.
 */
async function fullestPartitions(
  spark: SparkSession,
  platform: PipelinePlatform,
): Promise<Record<Streamed, Partition>> {
  const store = lakeStore(platform.config);
  const specs = layerSpecs(lakeLayout(platform.config.lake.uri));
  const fullest = {} as Record<Streamed, Partition>;
  for (const layer of streamed) {
    const { partitions } = await tableHealth(spark, store, specs[layer]);
    const ready = partitions.filter((p) => p.files >= mergeRatio);
    fullest[layer] =
      ready.length > 0
        ? ready.reduce((a, p) => (p.bytes > a.bytes ? p : a))
        : partitions.reduce<Partition>((a, p) => (p.files > a.files ? p : a), {
            hourMs: 0,
            files: 0,
            bytes: 0,
          });
  }
  return fullest;
}

const describePartitions = (fullest: Record<Streamed, Partition>) =>
  streamed
    .map(
      (l) => `${l} ${fullest[l].files} files in ${new Date(fullest[l].hourMs).toISOString().slice(0, 13)}h`,
    )
    .join(", ");

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
    const generate = (count: number, seed: number, rate = 150) =>
      ["generate", "--count", String(count), "--rate", String(rate), "--seed", String(seed)].concat([
        "--invalid-ratio",
        "0.04",
        "--no-progress",
      ]);
    // Phase A: a minute of traffic, one small file per micro-batch and partition, then half a
    // minute more at a time (a trickle: every micro-batch finds records, the books stay small) until
    // every streamed table has an hour partition of `mergeRatio` files or more. How many
    // micro-batches a minute makes depends on the machine's load, so it is measured; the lake may
    // lag the topic when measured, and its files only add up from there.
    const trafficStarted = Date.now();
    let sent = 0;
    let fullest: Record<Streamed, Partition>;
    for (let round = 1; ; round += 1) {
      const [count, rate] = round === 1 ? [9000, 150] : [1500, 50];
      await ecomOk(platform, generate(count, 1 + 10 * round, rate), 180_000);
      sent += count;
      fullest = await fullestPartitions(spark, platform);
      t.diagnostic(`traffic round ${round} (${sent} events): ${describePartitions(fullest)}`);
      const short = streamed.filter((l) => fullest[l].files < mergeRatio);
      if (short.length === 0) break;
      const elapsedMs = Date.now() - trafficStarted;
      if (elapsedMs > trafficBudgetMs)
        assert.fail(
          `after ${Math.round(elapsedMs / 1000)} s of traffic (${sent} events) no hour partition of ` +
            `${short.join(", ")} holds ${mergeRatio} files to merge: ${describePartitions(fullest)}`,
        );
    }
    await ecomOk(platform, ["reconcile", "--wait", String(lakeWaitS)], (lakeWaitS + 60) * 1000);
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
    const reports: CompactionReport[] = [];
    // each table's measured partition, closed for the test (closedAfterMs: the current hour too)
    const compaction = (async () => {
      for (const layer of streamed) {
        const { hourMs } = fullest[layer];
        const options = {
          layers: [layer],
          from: hourOf(hourMs),
          to: hourOf(hourMs + 3_600_000),
          closedAfterMs: -3_600_000,
        };
        reports.push(...(await compactLake(spark, store, platform.config, options)));
      }
    })();
    const during = await reconcile(spark, platform.config, phaseA);
    await compaction;
    lakeBooks(during, "reconcile passes during compaction");
    for (const layer of streamed) {
      const r = reports.find((x) => x.layer === layer)!;
      t.diagnostic(
        `${layer}: ${r.partitions} partitions, ${r.filesBefore} -> ${r.filesAfter} files, ${r.rows} rows`,
      );
      assert.equal(r.partitions, 1, `${layer} compacted its measured partition (${r.skipped ?? ""})`);
      assert.ok(
        r.filesBefore >= fullest[layer].files,
        `${layer}: OPTIMIZE merged ${r.filesBefore} files, ${fullest[layer].files} were measured`,
      );
      assert.ok(
        r.filesBefore >= mergeRatio * r.filesAfter,
        `${layer}: ${r.filesBefore} -> ${r.filesAfter} files`,
      );
    }
    const afterCompaction = await reconcile(spark, platform.config, phaseA);
    lakeBooks(afterCompaction, "reconcile passes after compaction");
    assert.deepEqual(afterCompaction.counts.bronze, before.counts.bronze);
    assert.deepEqual(await duckCounts(platform, phaseA.to!), duckBefore, "DuckDB reads the same rows");

    const generated = await phaseB;
    assert.equal(generated.code, 0, generated.stderr);
    await ecomOk(platform, ["reconcile", "--wait", String(lakeWaitS)], (lakeWaitS + 60) * 1000);
    const final = await reconcile(spark, platform.config);
    assert.deepEqual(
      final.checks.filter((c) => !c.ok),
      [],
      "the whole topic reconciles after compaction",
    );
    assert.equal(final.counts.bronze, sent + 4500);
    const duckFinal = await duckCounts(platform, new Date(Date.now() + 3_600_000));
    assert.deepEqual(duckFinal, {
      bronze: final.counts.bronze,
      silver: final.counts.silver,
      silverIds: final.counts.silver,
      quarantine: quarantined(final),
    });

    // Replay: silver's compacted hour deleted on purpose breaks the books; `./ecom replay` of that
    // hour restores identical counts, and a second replay changes nothing.
    const silver = layerSpecs(lakeLayout(platform.config.lake.uri)).silver;
    const hourMs = fullest.silver.hourMs;
    const rows = (await snapshotFiles(spark, silver))
      .filter((f) => hourStartMs(f.at) === hourMs)
      .reduce((n, f) => n + f.rows, 0);
    assert.ok(rows > 0, "silver's compacted hour holds rows");
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
