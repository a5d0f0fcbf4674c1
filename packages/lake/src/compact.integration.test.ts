import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { hourOf, hourStartMs, type LayerSpec, layerSpecs, utcDateHour } from "@ecomstream/lake-model";
import type { SparkSession } from "@ecomstream/spark-connect";
import { sparkTestContext } from "@ecomstream/testkit";
import { compactTable } from "./compact.js";
import { commitsAfter } from "./delta-commit.js";
import { deltaPath, ensureDeltaTable } from "./delta-table.js";
import { tableHealth } from "./health.js";
import { type LakeStore, lakeStore } from "./store.js";

/**
 * One Delta append of bronze-shaped rows `first`..`first + count` written by `tasks` tasks; Kafka
 * time alternates between the hour starting `baseMs` and the next, so each task writes a file
 * into both hour partitions.
 */
async function append(
  session: SparkSession,
  store: LakeStore,
  spec: LayerSpec,
  first: number,
  count: number,
  tasks: number,
  baseMs: number,
) {
  await ensureDeltaTable(session, store, spec);
  const df = await session.sql(
    "SELECT CAST(id AS STRING) AS key, concat('{\"n\":', id, '}') AS value, 't' AS topic, " +
      "CAST(id % 6 AS INT) AS partition, id AS offset, kafka_timestamp, kafka_timestamp AS ingest_ts, " +
      `${utcDateHour("kafka_timestamp", "ingest_date", "hour").join(", ")} FROM (` +
      `SELECT id, timestamp_millis(${baseMs} + (id % 2) * 3600000 + id) AS kafka_timestamp ` +
      `FROM range(${first}, ${first + count}, 1, ${tasks}))`,
  );
  await df.write.format("delta").mode("append").save(spec.uri);
}

/** A streaming reader of the table, as silver reads bronze, copying what it reads into a Delta table. */
async function copyStream(session: SparkSession, spec: LayerSpec, target: string, checkpoint: string) {
  const query = await session.readStream
    .format("delta")
    .option("skipChangeCommits", "true")
    .load(spec.uri)
    .writeStream.format("delta")
    .option("checkpointLocation", checkpoint)
    .trigger({ availableNow: true })
    .start(target);
  assert.ok(await query.awaitTermination(300_000), "the stream finished");
  assert.equal(await query.exception(), null, "a stream reading the table keeps working after OPTIMIZE");
}

describe("compaction of a Delta table with OPTIMIZE (Spark)", () => {
  const lake = sparkTestContext("ecom-compact-");

  it("merges closed partitions >= 10x in one dataChange=false commit, reports it, and streams and readers see the same rows", async () => {
    const { session } = lake;
    const store = lakeStore(lake.home.config);
    const spec = layerSpecs(lake.home.lake).bronze;
    const copy = `${lake.home.config.lake.uri}/_test/copy`;
    const checkpoint = `${lake.home.config.checkpoints.uri}/copy`;
    const base = hourStartMs(hourOf(Date.now() - 5 * 3_600_000));
    const options = { closedAfterMs: 0, targetFileBytes: 64 << 20 };
    const counts = async (uri: string) => {
      const [row] = await (
        await session.sql(`SELECT count(*) AS n, count(DISTINCT offset) AS ids FROM ${deltaPath(uri)}`)
      ).collect();
      return { n: Number(row!.n), ids: Number(row!.ids) };
    };

    assert.equal((await compactTable(session, store, spec, options)).skipped, "nothing written yet");
    await append(session, store, spec, 0, 3000, 15, base);
    await copyStream(session, spec, copy, checkpoint);
    const before = await tableHealth(session, store, spec);
    assert.equal(before.partitions.length, 2);
    assert.ok(before.files >= 20, `${before.files} small files`);
    assert.ok(before.partitions.every((p) => !p.compacted));
    assert.equal(before.lastCompaction, null);

    const first = await compactTable(session, store, spec, options);
    assert.equal(first.partitions, 2);
    assert.equal(first.filesBefore, before.files, "every small file is merged");
    assert.equal(first.filesAfter, 2, "one file per partition");
    assert.ok(first.filesBefore >= 10 * first.filesAfter, `${first.filesBefore} -> ${first.filesAfter}`);
    assert.equal(first.bytesBefore, before.bytes);
    assert.ok(first.bytesAfter > 0);
    assert.equal(first.rows, 3000, "rows of the merged files, from their statistics");
    const [commit] = await commitsAfter(store, spec.uri, (first.version ?? 0) - 1, "OPTIMIZE");
    assert.equal(commit?.version, first.version);
    assert.ok(
      [...commit!.adds, ...commit!.removes].every((f) => !f.dataChange),
      "OPTIMIZE changes no data",
    );
    assert.deepEqual(await counts(spec.uri), { n: 3000, ids: 3000 }, "same rows after compaction");

    const again = await compactTable(session, store, spec, options);
    assert.equal(again.partitions, 0);
    assert.match(again.skipped ?? "", /no closed partition/);

    const after = await tableHealth(session, store, spec);
    assert.equal(after.files, 2);
    assert.ok(after.partitions.every((p) => p.compacted && p.files === 1));
    assert.equal(after.lastCompaction?.filesBefore, before.files);
    assert.equal(after.lastCompaction?.filesAfter, 2);

    // Late files into both closed hours, and files of the current hour, which is not closed.
    await append(session, store, spec, 3000, 200, 4, base);
    await append(session, store, spec, 3200, 200, 4, hourStartMs(hourOf(Date.now())) - 3_600_000);
    const open = hourStartMs(hourOf(Date.now()));
    // only [from, to): the later of the two old hours
    const ranged = await compactTable(session, store, spec, {
      ...options,
      from: hourOf(base + 3_600_000),
      to: hourOf(base + 7_200_000),
    });
    assert.equal(ranged.partitions, 1, "only partitions in the range are compacted");
    assert.equal(ranged.filesBefore, 4 + 1, "the late files and the merged one");
    const rest = await compactTable(session, store, spec, options);
    const health = await tableHealth(session, store, spec);
    const openHour = health.partitions.find((p) => p.hourMs === open);
    assert.ok(openHour && openHour.files > 1 && !openHour.compacted, "the open hour is left as written");
    assert.equal(
      rest.partitions,
      2,
      "the other late hour and the closed hour before the open one, not the open hour",
    );
    assert.deepEqual(await counts(spec.uri), { n: 3400, ids: 3400 });

    // The stream reads the new rows once: OPTIMIZE's commits are skipped, not read again.
    await copyStream(session, spec, copy, checkpoint);
    assert.deepEqual(await counts(copy), { n: 3400, ids: 3400 });
  });
});
