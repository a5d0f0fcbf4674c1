import assert from "node:assert/strict";
import { existsSync, readdirSync } from "node:fs";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { compactTable } from "./compact.js";
import type { StreamConsumer } from "./consumers.js";
import { readFileLog } from "./file-log.js";
import { layerSpecs } from "./layers.js";
import { loadManifest } from "./manifest.js";
import { readTable } from "./table-reader.js";
import { consume, lakeTestContext, sink, stage } from "./test-support.js";

const dataFiles = (dir: string) =>
  readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".parquet"));

describe("compaction of a sink-written table (Spark)", () => {
  const lake = lakeTestContext("ecom-compact-");

  it("merges closed partitions >= 10x, reads every row once, and keeps late files and streaming readers working", async () => {
    const spec = layerSpecs(lake.home.lake).bronze;
    const consumer: StreamConsumer = {
      name: "test_reader",
      checkpoint: `${lake.home.config.checkpoints.uri}/reader`,
    };
    const options = {
      closedAfterMs: 0,
      targetFileBytes: 64 << 20,
      graceMs: 60_000,
      consumers: [consumer],
    };
    await stage(lake.session, lake.home, 0, 3000, 30);
    await sink(lake.session, lake.home, spec.uri);
    const count = async () => {
      const { frame } = await readTable(lake.session, lake.store, spec);
      const [row] = await frame!.selectExpr("count(*) AS n", "count(DISTINCT offset) AS ids").collect();
      return { n: Number(row!.n), ids: Number(row!.ids) };
    };
    assert.deepEqual(await count(), { n: 3000, ids: 3000 });

    const unread = await compactTable(lake.session, lake.store, spec, options);
    assert.match(
      unread.skipped ?? "",
      /not read yet by test_reader/,
      "a table no consumer has read stays as it is",
    );

    await consume(lake.session, consumer, spec.uri);
    const sinkFiles = (await readFileLog(lake.store, `${spec.uri}/_spark_metadata`))!.length;
    const first = await compactTable(lake.session, lake.store, spec, options);
    assert.equal(first.partitions, 2);
    assert.equal(first.filesBefore, sinkFiles);
    assert.equal(first.filesAfter, 2);
    assert.ok(
      first.filesBefore >= 10 * first.filesAfter,
      `${first.filesBefore} -> ${first.filesAfter} files`,
    );
    assert.equal(first.rows, 3000);
    assert.deepEqual(await count(), { n: 3000, ids: 3000 }, "same rows after compaction");
    assert.deepEqual(
      await compactTable(lake.session, lake.store, spec, options).then((r) => r.partitions),
      0,
    );

    // Late files land in the compacted partitions: read at once, merged once the consumer has read them.
    await stage(lake.session, lake.home, 3000, 200, 4);
    await sink(lake.session, lake.home, spec.uri);
    assert.deepEqual(
      await count(),
      { n: 3200, ids: 3200 },
      "late sink files are read next to the merged ones",
    );
    const early = await compactTable(lake.session, lake.store, spec, options);
    assert.equal(early.partitions, 0, "files the consumer has not read stay in the sink folder");
    await consume(lake.session, consumer, spec.uri);
    const second = await compactTable(lake.session, lake.store, spec, { ...options, graceMs: 0 });
    assert.equal(second.partitions, 2);
    assert.equal(second.rows, 200, "only the new sink files are merged, next to the earlier merge");
    assert.deepEqual(await count(), { n: 3200, ids: 3200 });

    // Garbage past its grace period is deleted by the next run; reads skip the deleted sink files.
    const third = await compactTable(lake.session, lake.store, spec, {
      ...options,
      nowMs: Date.now() + options.graceMs,
    });
    assert.ok(third.deleted > 0, "replaced files are deleted after the grace period");
    const root = fileURLToPath(spec.uri);
    const left = dataFiles(root).filter((f) => !f.startsWith("_rewritten"));
    assert.equal(left.length, 0, `sink folder holds no superseded data file (${left.slice(0, 3)})`);
    assert.equal(dataFiles(`${root}/_rewritten`).length, 4, "two merged files per partition");
    assert.deepEqual(await count(), { n: 3200, ids: 3200 }, "same rows after the sink files are gone");
    const manifest = await loadManifest(lake.store, spec.uri);
    assert.equal(manifest.lastCompaction?.filesAfter, 2);
    assert.ok(existsSync(`${root}/_spark_metadata`));

    // A partition holding maxMergedFiles merged files has them merged together with the new ones.
    await stage(lake.session, lake.home, 3200, 100, 2);
    await sink(lake.session, lake.home, spec.uri);
    await consume(lake.session, consumer, spec.uri);
    const full = await compactTable(lake.session, lake.store, spec, {
      ...options,
      maxMergedFiles: 2,
      graceMs: 0,
    });
    assert.equal(full.partitions, 2);
    assert.equal(full.rows, 3300, "a full merge rewrites the partition's rows");
    await compactTable(lake.session, lake.store, spec, { ...options, nowMs: Date.now() + options.graceMs });
    assert.equal(dataFiles(`${root}/_rewritten`).length, 2, "one file per partition after a full merge");
    assert.deepEqual(await count(), { n: 3300, ids: 3300 });

    // The streaming reader still runs: new files after compaction are read, old ones are not reopened.
    await stage(lake.session, lake.home, 3300, 10, 1);
    await sink(lake.session, lake.home, spec.uri);
    await consume(lake.session, consumer, spec.uri);
    assert.deepEqual(await count(), { n: 3310, ids: 3310 });
  });
});
