import assert from "node:assert/strict";
import { copyFileSync, mkdirSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { partitionOf, readFileLog } from "./file-log.js";
import { type HourKey, hourStartMs, type LayerSpec, layerSpecs, parsePartitionKey } from "./layers.js";
import { emptyManifest, saveManifest, type TableManifest } from "./manifest.js";
import { readTable } from "./table-reader.js";
import { lakeTestContext, sink, stage } from "./test-support.js";

describe("readTable on a sink-written table (Spark)", () => {
  const lake = lakeTestContext("ecom-table-reader-");
  let spec: LayerSpec;

  before(() => {
    spec = layerSpecs(lake.home.lake).bronze;
  });

  /** Rows readTable reads, per partition (`ingest_date=…/hour=…`). */
  const readCounts = async (): Promise<Map<string, number>> => {
    const { frame } = await readTable(lake.session, lake.store, spec);
    assert.ok(frame, "the table has rows");
    await frame.createOrReplaceTempView("table_reader_test");
    const rows = await (
      await lake.session.sql(
        "SELECT ingest_date, hour, count(*) AS n, count(DISTINCT offset) AS ids FROM table_reader_test GROUP BY 1, 2",
      )
    ).collect();
    const counts = new Map<string, number>();
    for (const row of rows) {
      assert.equal(Number(row.n), Number(row.ids), "no row is read twice");
      counts.set(`ingest_date=${String(row.ingest_date)}/hour=${Number(row.hour)}`, Number(row.n));
    }
    return counts;
  };
  const total = (counts: Map<string, number>) => [...counts.values()].reduce((a, b) => a + b, 0);
  const rowsOf = (file: string) => lake.session.read.format("parquet").load(file).count();

  it("reads the sink's committed files, less superseded ones, not a stray file, and only retained partitions", async () => {
    await stage(lake.session, lake.home, 0, 600, 6);
    await sink(lake.session, lake.home, spec.uri);
    const log = (await readFileLog(lake.store, `${spec.uri}/_spark_metadata`))!;
    const committed = await readCounts();
    assert.equal(total(committed), 600, "every committed row is read");
    assert.equal(committed.size, 2, "rows span two hour partitions");
    const [older, newer] = [...committed.keys()]
      .map((key) => parsePartitionKey(key)!)
      .sort((a, b) => hourStartMs(a) - hourStartMs(b)) as [HourKey, HourKey];
    const keyOf = (at: HourKey) => `ingest_date=${at.date}/hour=${at.hour}`;

    // A parquet file in a partition folder that the sink never committed (a failed batch's leftover).
    const newerDir = join(fileURLToPath(spec.uri), keyOf(newer));
    const committedName = readdirSync(newerDir).find((f) => f.endsWith(".parquet"))!;
    const stray = join(newerDir, `part-99999-stray-${committedName.slice(11)}`);
    copyFileSync(join(newerDir, committedName), stray);
    assert.ok((await rowsOf(stray)) > 0, "the stray file holds rows a folder listing would read");
    assert.deepEqual(await readCounts(), committed, "an uncommitted file is not read");

    // The manifest supersedes one committed file of the newer partition (spelled as Spark's
    // `_metadata.file_path` spells it, `file:/x`): its rows are no longer read.
    const supersededFile = log.find((e) => partitionOf(spec.uri, e.path) === keyOf(newer))!.path;
    const supersededRows = await rowsOf(supersededFile);
    assert.ok(supersededRows > 0);
    const manifest: TableManifest = {
      ...emptyManifest(),
      version: 1,
      partitions: {
        [keyOf(newer)]: {
          folders: [],
          files: [],
          superseded: [`file:/${supersededFile.slice("file:///".length)}`],
          rows: 0,
          bytes: 0,
          kind: "compact",
          at: new Date().toISOString(),
        },
      },
    };
    await saveManifest(lake.store, spec.uri, manifest);
    const afterSupersede = await readCounts();
    assert.equal(afterSupersede.get(keyOf(older)), committed.get(keyOf(older)));
    assert.equal(
      afterSupersede.get(keyOf(newer)),
      committed.get(keyOf(newer))! - supersededRows,
      "a superseded file is not read",
    );

    // Retention dropped the older partition: none of its files is read.
    await saveManifest(lake.store, spec.uri, { ...manifest, version: 2, retainedFrom: newer });
    const retained = await readCounts();
    assert.deepEqual([...retained.keys()], [keyOf(newer)], "partitions before retainedFrom are not read");
    assert.equal(retained.get(keyOf(newer)), committed.get(keyOf(newer))! - supersededRows);
  });

  it("applies a filter on _metadata to each file relation of a compacted table (a union of reads)", async () => {
    const { manifest } = await readTable(lake.session, lake.store, spec);
    const [key, partition] = Object.entries(manifest.partitions)[0]!;
    const superseded = partition.superseded[0]!.replace(/^file:/, "");
    const folder = join(fileURLToPath(spec.uri), "_rewritten", "metadata-filter-test");
    mkdirSync(folder, { recursive: true });
    copyFileSync(superseded, join(folder, "part-00000.parquet"));
    await saveManifest(lake.store, spec.uri, {
      ...manifest,
      version: manifest.version + 1,
      retainedFrom: null,
      partitions: { [key]: { ...partition, files: [`file://${folder}/part-00000.parquet`] } },
    });
    const read = async (filter: string) => {
      const { frame } = await readTable(lake.session, lake.store, spec, { filter });
      return frame!.count();
    };
    assert.equal(await read("_metadata.file_modification_time > timestamp'2000-01-01'"), 600);
    assert.equal(await read("_metadata.file_modification_time > current_timestamp() + INTERVAL 1 DAY"), 0);
  });

  it("reads a folder without a sink log as a folder, and a sink log with no batch yet as nothing", async () => {
    const other: LayerSpec = { ...spec, uri: `${lake.home.config.lake.uri}/plain_bronze` };
    await stage(lake.session, lake.home, 10_000, 50, 1);
    const staged = await lake.session.read
      .format("parquet")
      .load(`${lake.home.config.lake.uri}/_staging/bronze`);
    await staged
      .filter("offset >= 10000")
      .write.format("parquet")
      .partitionBy("ingest_date", "hour")
      .save(other.uri);
    const { frame } = await readTable(lake.session, lake.store, other);
    assert.equal(await frame!.count(), 50, "a batch-written table is read");

    const empty: LayerSpec = { ...spec, uri: `${lake.home.config.lake.uri}/empty_bronze` };
    mkdirSync(join(fileURLToPath(empty.uri), "_spark_metadata"), { recursive: true });
    assert.equal((await readTable(lake.session, lake.store, empty)).frame, undefined);
  });
});
