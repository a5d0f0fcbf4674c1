import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { commitVersions, deltaPath, lakeStore } from "@ecomstream/lake";
import { loadConfig } from "@ecomstream/runtime";
import { SparkSession } from "@ecomstream/spark-connect";
import { appendBronze, offsetRecords, type TempHome, tempHome } from "@ecomstream/testkit";
import { runWithDeltaRs } from "../install/delta-rs.js";

interface Snapshot {
  version: number;
  files: number;
  offsets: number[];
  /** [ingest_date, hour] of every row's partition, distinct, sorted. */
  partitions: Array<[string, number]>;
}

/** delta-rs's view of the table: the latest snapshot and version 1 (`python -c`, JSON out). */
const readerScript = `
import json, os, sys
from deltalake import DeltaTable

def snapshot(table):
    rows = table.to_pyarrow_table(columns=["offset", "ingest_date", "hour"]).to_pylist()
    return {
        "version": table.version(),
        "files": len(table.file_uris()),
        "offsets": sorted(r["offset"] for r in rows),
        "partitions": sorted({(str(r["ingest_date"]), r["hour"]) for r in rows}),
    }

path = sys.argv[1]
print(json.dumps({"latest": snapshot(DeltaTable(path)), "v1": snapshot(DeltaTable(path, version=1))}))
# delta-rs' runtime can abort while the interpreter tears down ("terminate called without an active
# exception", SIGABRT) after the answer is printed: leave without the teardown
sys.stdout.flush()
os._exit(0)
`;

/** Spark's view of the same snapshot (the latest when `version` is undefined). */
async function sparkSnapshot(session: SparkSession, uri: string, version: number): Promise<Snapshot> {
  const table = `${deltaPath(uri)} VERSION AS OF ${version}`;
  const rows = await (
    await session.sql(
      `SELECT offset, CAST(ingest_date AS STRING) AS d, hour, _metadata.file_path AS f FROM ${table}`,
    )
  ).collect();
  const partitions = [...new Set(rows.map((r) => `${r.d}|${r.hour}`))]
    .sort()
    .map((p) => p.split("|"))
    .map(([d, h]) => [d, Number(h)] as [string, number]);
  return {
    version,
    files: new Set(rows.map((r) => r.f)).size,
    offsets: rows.map((r) => Number(r.offset)).sort((a, b) => a - b),
    partitions,
  };
}

describe("an outside Delta reader (delta-rs) reads exactly what our Spark committed", {
  timeout: 900_000,
}, () => {
  let home: TempHome;
  let session: SparkSession;
  before(async () => {
    home = tempHome("ecom-delta-rs-");
    session = await SparkSession.connect(home.config.spark.remote);
  });
  after(async () => {
    await session?.close();
    home?.remove();
  });

  it("the same rows, files, partitions and version, now and as of version 1, after a compaction too", async () => {
    // v0 creates bronze, v1 appends offsets 0-2 (hour 7), v2 appends 3-4 of which 4 is in hour 8
    await appendBronze(session, home.lake, home.config.topic.name, offsetRecords([0, 1, 2]));
    await appendBronze(
      session,
      home.lake,
      home.config.topic.name,
      offsetRecords([3, 4], Date.parse("2026-11-25T07:59:56Z")),
    );
    // v3: OPTIMIZE merges hour 7's two files into one (dataChange=false: same rows, fewer files)
    await (await session.sql(`OPTIMIZE ${deltaPath(home.lake.bronze)}`)).collect();
    const latest = (await commitVersions(lakeStore(home.config), home.lake.bronze)).at(-1);
    assert.equal(latest, 3);
    const spark = {
      latest: await sparkSnapshot(session, home.lake.bronze, latest),
      v1: await sparkSnapshot(session, home.lake.bronze, 1),
    };
    assert.deepEqual(spark.latest.offsets, [0, 1, 2, 3, 4]);
    assert.deepEqual(spark.latest.partitions, [
      ["2026-11-25", 7],
      ["2026-11-25", 8],
    ]);
    assert.equal(spark.latest.files, 2, "one file per hour after OPTIMIZE");
    assert.deepEqual(spark.v1.offsets, [0, 1, 2]);
    const out = await runWithDeltaRs(loadConfig().cache, readerScript, [fileURLToPath(home.lake.bronze)]);
    assert.deepEqual(JSON.parse(out), spark);
  });
});
