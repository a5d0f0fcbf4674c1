import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { pathToFileURL } from "node:url";
import { emptyManifest, lakeStore, saveManifest } from "@ecomstream/lake";
import { loadConfig } from "@ecomstream/runtime";
import { lakeLayout } from "@ecomstream/stage";
import { scanSilverChanges } from "./silver-changes.js";

const dir = mkdtempSync(join(tmpdir(), "ecom-silver-changes-"));
const lake = lakeLayout(pathToFileURL(dir).href);
const store = lakeStore(loadConfig({}));
const file = (hour: number, name: string) =>
  `${lake.silver}/event_date=2026-11-26/hour=${hour}/${name}.parquet`;

/** Writes a sink log batch file as Spark's file sink does: a version line, then one JSON entry per file. */
function logBatch(batch: number, files: Array<[string, number]>): void {
  const log = join(dir, "silver", "ecom_events", "v1", "_spark_metadata");
  mkdirSync(log, { recursive: true });
  const lines = files.map(([path, modificationTime]) =>
    JSON.stringify({
      path,
      size: 10,
      isDir: false,
      modificationTime,
      blockReplication: 1,
      blockSize: 1,
      action: "add",
    }),
  );
  writeFileSync(join(log, String(batch)), ["v1", ...lines].join("\n"));
}

describe("scanSilverChanges: silver's committed files after a cursor, from its sink log", () => {
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("names the hours of newer files and the newest files; superseded ones do not count", async () => {
    assert.equal(lake.silver.startsWith(pathToFileURL(dir).href), true);
    assert.deepEqual(await scanSilverChanges(lake, store, null), { hours: [], newest: null });
    logBatch(0, [
      [file(1, "a"), 1000],
      [file(2, "b"), 2000],
    ]);
    logBatch(1, [
      [file(3, "c"), 3000],
      [file(4, "d"), 3000],
    ]);
    const all = await scanSilverChanges(lake, store, null);
    assert.deepEqual(
      all.hours.map((h) => h.hour),
      [1, 2, 3, 4],
    );
    assert.deepEqual(all.newest, { modificationTime: 3000, paths: [file(3, "c"), file(4, "d")] });

    // a cursor at 3000 that saw c (in Spark's file:/ spelling): only d is new
    const seenC = file(3, "c").replace("file:///", "file:/");
    const after3000 = await scanSilverChanges(lake, store, { modificationTime: 3000, paths: [seenC] });
    assert.deepEqual(
      after3000.hours.map((h) => h.hour),
      [4],
    );
    const after1500 = await scanSilverChanges(lake, store, { modificationTime: 1500, paths: [] });
    assert.deepEqual(
      after1500.hours.map((h) => h.hour),
      [2, 3, 4],
    );

    const manifest = emptyManifest();
    manifest.partitions["event_date=2026-11-26/hour=2"] = {
      folders: [],
      files: [],
      superseded: [file(2, "b")],
      rows: 0,
      bytes: 0,
      kind: "compact",
      at: new Date(0).toISOString(),
    };
    await saveManifest(store, lake.silver, manifest);
    const withoutB = await scanSilverChanges(lake, store, { modificationTime: 1500, paths: [] });
    assert.deepEqual(
      withoutB.hours.map((h) => h.hour),
      [3, 4],
    );
  });
});
