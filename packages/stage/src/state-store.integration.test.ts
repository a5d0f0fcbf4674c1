import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { loadConfig } from "@ecomstream/runtime";
import { SparkSession } from "@ecomstream/spark-connect";
import { waitFor } from "@ecomstream/testkit";
import { stateStoreConf, useRocksDbStateStore } from "./state-store.js";

/** Every file under `dir`, relative paths. */
function filesUnder(dir: string, prefix = ""): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(dir, join(prefix, entry.name)) : [join(prefix, entry.name)],
  );
}

test("a deduplicating query started after useRocksDbStateStore keeps RocksDB state with changelog checkpoints", async () => {
  const session = await SparkSession.connect(loadConfig().spark.remote);
  const dir = mkdtempSync(join(tmpdir(), "ecom-state-store-"));
  const checkpoint = join(dir, "checkpoint");
  try {
    await useRocksDbStateStore(session);
    const query = await session.readStream
      .format("rate")
      .options({ rowsPerSecond: 50, numPartitions: 1 })
      .load()
      .selectExpr("value % 10 AS key", "timestamp")
      .withWatermark("timestamp", "1 minute")
      .dropDuplicatesWithinWatermark(["key"])
      .writeStream.format("noop")
      .option("checkpointLocation", checkpoint)
      .queryName(`state_store_${randomUUID().slice(0, 8)}`)
      .trigger({ processingTime: "500 milliseconds" })
      .start();
    try {
      // two committed batches with state: the second writes a changelog of what changed
      await waitFor(
        "two batches that read rows",
        async () =>
          (await query.recentProgress()).filter((p) => p.numInputRows > 0).length >= 2 ? true : undefined,
        60_000,
      );
    } finally {
      await query.stop();
    }
    const stateFiles = filesUnder(join(checkpoint, "state"));
    assert.ok(
      stateFiles.some((f) => f.endsWith(".changelog")),
      `RocksDB changelog files in the state folder, found: ${stateFiles.join(", ")}`,
    );
    assert.ok(!stateFiles.some((f) => f.endsWith(".delta")), "no HDFS-backed store delta files");
    // Spark keeps the provider in the checkpoint's offset log: restarts keep using RocksDB
    const offsets = readFileSync(join(checkpoint, "offsets", "0"), "utf8");
    assert.match(
      offsets,
      new RegExp(stateStoreConf["spark.sql.streaming.stateStore.providerClass"].replaceAll(".", "\\.")),
    );
  } finally {
    await session.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
