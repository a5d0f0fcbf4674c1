import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { pathToFileURL } from "node:url";
import { lakeStore } from "@ecomstream/lake";
import { lakeLayout } from "@ecomstream/lake-model";
import { loadConfig } from "@ecomstream/runtime";
import { scanSilverChanges } from "./silver-changes.js";

const dir = mkdtempSync(join(tmpdir(), "ecom-silver-changes-"));
const lake = lakeLayout(pathToFileURL(dir).href);
const store = lakeStore(loadConfig({}));
const logDir = join(dir, "silver", "ecom_events", "v1", "_delta_log");
const commitFile = (version: number) => join(logDir, `${String(version).padStart(20, "0")}.json`);

type Action = ["add" | "remove", number, boolean];

/** Writes one commit of silver's Delta log as Delta does: one JSON action per line. */
function commit(version: number, actions: Action[]): void {
  mkdirSync(logDir, { recursive: true });
  const lines = [
    JSON.stringify({ commitInfo: { timestamp: 1000 + version, operation: "WRITE" } }),
    ...actions.map(([kind, hour, dataChange]) =>
      JSON.stringify({
        [kind]: {
          path: `event_date=2026-11-26/hour=${hour}/part-${version}.parquet`,
          partitionValues: { event_date: "2026-11-26", hour: String(hour) },
          dataChange,
          ...(kind === "add" ? { stats: JSON.stringify({ numRecords: 5 }) } : {}),
        },
      }),
    ),
  ];
  writeFileSync(commitFile(version), `${lines.join("\n")}\n`);
}

const hoursOf = (changes: Awaited<ReturnType<typeof scanSilverChanges>>) =>
  changes.hours === "all" ? "all" : changes.hours.map((h) => h.hour);

describe("scanSilverChanges: silver's hours changed after a version, from its Delta log", () => {
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("names the hours of later data commits; compactions do not count; a gap or a new table means all", async () => {
    assert.equal(lake.silver.startsWith(pathToFileURL(dir).href), true);
    assert.deepEqual(await scanSilverChanges(lake, store, null), { hours: [], latest: null });
    commit(0, []);
    commit(1, [
      ["add", 1, true],
      ["add", 2, true],
    ]);
    commit(2, [
      ["add", 3, true],
      ["add", 4, true],
    ]);
    // OPTIMIZE of hour 1: files rewritten, no data changed
    commit(3, [
      ["remove", 1, false],
      ["add", 1, false],
    ]);
    // a DELETE of hour 2 changes its data
    commit(4, [["remove", 2, true]]);

    assert.deepEqual(hoursOf(await scanSilverChanges(lake, store, null)), [1, 2, 3, 4]);
    assert.deepEqual(hoursOf(await scanSilverChanges(lake, store, 1)), [2, 3, 4]);
    assert.deepEqual(hoursOf(await scanSilverChanges(lake, store, 2)), [2]);
    const upToDate = await scanSilverChanges(lake, store, 4);
    assert.deepEqual(upToDate, { hours: [], latest: 4 });

    // the table was created anew (a rebuilt lake): its versions restart below the cursor
    assert.deepEqual(hoursOf(await scanSilverChanges(lake, store, 9)), "all");
    // the log no longer holds commit 2 (cleaned up after a checkpoint): the cursor at 1 cannot tell
    rmSync(commitFile(2));
    assert.deepEqual(hoursOf(await scanSilverChanges(lake, store, 1)), "all");
    assert.deepEqual(hoursOf(await scanSilverChanges(lake, store, 2)), [2]);
  });
});
