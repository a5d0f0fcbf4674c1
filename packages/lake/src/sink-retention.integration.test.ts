import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { compactTable } from "./compact.js";
import type { StreamConsumer } from "./consumers.js";
import { readFileLog } from "./file-log.js";
import { layerSpecs } from "./layers.js";
import { loadManifest, supersededFiles } from "./manifest.js";
import { readTable } from "./table-reader.js";
import { consume, lakeTestContext, sink, stage } from "./test-support.js";

/** Spark's sink log retention (ECOM_SINK_LOG_RETENTION) with compaction superseding files first. */
describe("a sink log with a retention, compacted by the lake (Spark)", () => {
  const lake = lakeTestContext("ecom-sink-retention-");

  it("forgets superseded entries, lone late files included, and still reads every row once", async () => {
    const spec = layerSpecs(lake.home.lake).bronze;
    const log = `${spec.uri}/_spark_metadata`;
    const consumer: StreamConsumer = {
      name: "test_reader",
      checkpoint: `${lake.home.config.checkpoints.uri}/reader`,
    };
    const retentionMs = 20_000;
    const retention = { retention: `${retentionMs}ms` };
    const options = {
      closedAfterMs: 0,
      targetFileBytes: 64 << 20,
      graceMs: 0,
      consumers: [consumer],
      sinkLogRetentionMs: retentionMs,
    };
    const count = async () => {
      const { frame } = await readTable(lake.session, lake.store, spec);
      const [row] = await frame!.selectExpr("count(*) AS n", "count(DISTINCT offset) AS ids").collect();
      return { n: Number(row!.n), ids: Number(row!.ids) };
    };

    // Batches 0-8, compacted; then batch 9 adds one late file to each of the two partitions.
    await stage(lake.session, lake.home, 0, 900, 9);
    await sink(lake.session, lake.home, spec.uri, retention);
    await consume(lake.session, consumer, spec.uri);
    assert.equal((await compactTable(lake.session, lake.store, spec, options)).partitions, 2);
    await stage(lake.session, lake.home, 900, 10, 1);
    await sink(lake.session, lake.home, spec.uri, retention);
    await consume(lake.session, consumer, spec.uri);
    const lone = await compactTable(lake.session, lake.store, spec, options);
    assert.equal(lone.partitions, 2, "each partition's lone new file is merged too");
    assert.equal(lone.rows, 10);
    const early = (await readFileLog(lake.store, log))!.map((e) => e.path);
    assert.equal(early.length, 20, "batch 9 compacted the log, all entries younger than the retention");

    // Batches 10-19, after the retention: batch 19's log compaction drops every entry of batches 0-9.
    await sleep(retentionMs + 1_000);
    await stage(lake.session, lake.home, 910, 1000, 10);
    await sink(lake.session, lake.home, spec.uri, retention);
    const live = (await readFileLog(lake.store, log))!.map((e) => e.path);
    assert.ok(live.length > 0, "batches 10-19 are in the log");
    assert.deepEqual(
      live.filter((p) => early.includes(p)),
      [],
      "the log forgot the entries older than its retention",
    );
    assert.deepEqual(
      await count(),
      { n: 1910, ids: 1910 },
      "forgotten files are read through the merged ones",
    );

    const unread = await compactTable(lake.session, lake.store, spec, {
      ...options,
      nowMs: Date.now() + retentionMs,
    });
    assert.equal(unread.unreadAging, live.length, "files the consumer has not read are reported as they age");
    assert.equal(unread.partitions, 0);
    await consume(lake.session, consumer, spec.uri);
    const later = await compactTable(lake.session, lake.store, spec, options);
    assert.equal(later.unreadAging, 0);
    assert.equal(later.rows, 1000, "the new batches are merged; the forgotten ones are not read again");
    const superseded = supersededFiles(await loadManifest(lake.store, spec.uri));
    assert.deepEqual(
      superseded.filter((p) => early.includes(p)),
      [],
      "the manifest forgets superseded files the log forgot",
    );
    assert.equal(superseded.length, live.length, "it names only the files the log still holds");
    assert.deepEqual(await count(), { n: 1910, ids: 1910 });
  });
});
