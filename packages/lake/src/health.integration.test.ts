import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { hourOf, hourStartMs, type LayerSpec, layerSpecs, utcDateHour } from "@ecomstream/lake-model";
import type { SparkSession } from "@ecomstream/spark-connect";
import { sparkTestContext } from "@ecomstream/testkit";
import { compactTable } from "./compact.js";
import { deltaLogUri, ensureDeltaTable } from "./delta-table.js";
import { snapshotFiles, type TableHealth, tableHealth } from "./health.js";
import { type LakeStore, lakeStore } from "./store.js";

/** One Delta append of `count` bronze rows from `first`, alternating between two closed hours. */
async function append(
  session: SparkSession,
  store: LakeStore,
  spec: LayerSpec,
  first: number,
  count: number,
) {
  await ensureDeltaTable(session, store, spec);
  const base = hourStartMs(hourOf(Date.now() - 5 * 3_600_000));
  const df = await session.sql(
    "SELECT CAST(id AS STRING) AS key, '{}' AS value, 't' AS topic, CAST(0 AS INT) AS partition, " +
      "id AS offset, kafka_timestamp, kafka_timestamp AS ingest_ts, " +
      `${utcDateHour("kafka_timestamp", "ingest_date", "hour").join(", ")} FROM (` +
      `SELECT id, timestamp_millis(${base} + (id % 2) * 3600000 + id) AS kafka_timestamp ` +
      `FROM range(${first}, ${first + count}, 1, 1))`,
  );
  await df.write.format("delta").mode("append").save(spec.uri);
}

/** Files and bytes per hour as Spark reads the snapshot (`_metadata` of every row). */
async function sparkView(session: SparkSession, spec: LayerSpec) {
  const byHour = new Map<number, { files: number; bytes: number }>();
  for (const f of await snapshotFiles(session, spec)) {
    const p = byHour.get(hourStartMs(f.at)) ?? { files: 0, bytes: 0 };
    p.files += 1;
    p.bytes += f.size;
    byHour.set(hourStartMs(f.at), p);
  }
  return [...byHour].sort((a, b) => a[0] - b[0]).map(([hourMs, p]) => ({ hourMs, ...p }));
}

const logView = (h: TableHealth) =>
  h.partitions.map(({ hourMs, files, bytes }) => ({ hourMs, files, bytes }));

describe("table health from the Delta log (Spark)", () => {
  const lake = sparkTestContext("ecom-health-");

  it("matches Spark's reading of the snapshot past a checkpoint and after OPTIMIZE", async () => {
    const { session } = lake;
    const store = lakeStore(lake.home.config);
    const spec = layerSpecs(lake.home.lake).bronze;
    assert.deepEqual((await tableHealth(session, store, spec)).files, 0, "no table yet");

    for (let i = 0; i < 12; i++) await append(session, store, spec, i * 10, 10);
    assert.ok(
      existsSync(fileURLToPath(`${deltaLogUri(spec.uri)}/_last_checkpoint`)),
      "the log has a checkpoint",
    );
    const first = await tableHealth(session, store, spec);
    assert.equal(first.files, 24, "two files a commit, one per hour");
    assert.deepEqual(logView(first), await sparkView(session, spec));
    assert.equal(first.lastCompaction, null);

    await compactTable(session, store, spec, { closedAfterMs: 0, targetFileBytes: 64 << 20 });
    await append(session, store, spec, 120, 10);
    const second = await tableHealth(session, store, spec);
    assert.deepEqual(logView(second), await sparkView(session, spec));
    assert.equal(second.files, 4, "a merged file and a new one per hour");
    assert.ok(second.partitions.every((p) => p.compacted));
    assert.equal(second.lastCompaction?.filesBefore, 24);
  });
});
