import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { pathToFileURL } from "node:url";
import { EcomError, loadConfig } from "@ecomstream/runtime";
import { bringUp } from "../commands/up.js";
import type { Component } from "../components/component.js";
import { oldFormatTables, refuseOldLake } from "./old-lake.js";

const homes: string[] = [];
/** A config on a fresh home whose lake holds the given table folders (paths below the lake root). */
function homeWith(folders: string[]) {
  const home = mkdtempSync(join(tmpdir(), "ecom-old-lake-"));
  homes.push(home);
  for (const folder of folders) mkdirSync(join(home, "lake", folder), { recursive: true });
  const config = loadConfig({ ECOM_HOME: home, ECOM_CACHE: join(home, "cache") });
  return { home, config };
}
const bronze = "bronze/ecom_events/v1";
const gold = "gold/kpi_minute/v1";
const diskStore = (config: ReturnType<typeof loadConfig>) =>
  import("@ecomstream/lake").then((m) => m.lakeStore(config));

describe("old-lake refusal: a lake of the previous format is never written by the Delta writers", () => {
  after(() => {
    for (const home of homes) rmSync(home, { recursive: true, force: true });
  });

  it("finds sink tables with _spark_metadata and gold's parquet hours without _delta_log", async () => {
    const { home, config } = homeWith([
      `${bronze}/_spark_metadata`,
      `${bronze}/ingest_date=2026-11-25/hour=7`,
      "silver/ecom_events/v1/_delta_log",
      `${gold}/event_date=2026-11-25/hour=7`,
    ]);
    const old = await oldFormatTables(await diskStore(config), config.lake.uri);
    assert.deepEqual(old, [
      pathToFileURL(join(home, "lake", bronze)).href,
      pathToFileURL(join(home, "lake", gold)).href,
    ]);
  });

  it("lets a Delta lake, an empty lake and a missing lake through", async () => {
    for (const folders of [
      [],
      [bronze],
      [
        `${bronze}/_delta_log`,
        `${bronze}/ingest_date=2026-11-25/hour=7`,
        `${gold}/_delta_log`,
        `${gold}/event_date=2026-11-25/hour=7`,
      ],
    ]) {
      const { config } = homeWith(folders);
      await refuseOldLake(config);
    }
  });

  it("refuses with one line naming the folder, and the fix ./ecom lake rebuild", async () => {
    const { home, config } = homeWith([
      `${bronze}/_spark_metadata`,
      `quarantine/ecom_events/v1/_spark_metadata`,
    ]);
    writeFileSync(join(home, "lake", bronze, "_spark_metadata", "0"), "v1\n");
    await assert.rejects(refuseOldLake(config), (error: unknown) => {
      assert.ok(error instanceof EcomError);
      assert.equal(error.message.split("\n").length, 1);
      assert.match(error.message, new RegExp(`${join(home, "lake", bronze)} \\(and 1 more table folders\\)`));
      assert.match(error.fix ?? "", /^run \.\/ecom lake rebuild/);
      return true;
    });
  });

  it("./ecom up stops before starting a lake writer, and starts other services", async () => {
    const { config } = homeWith([`${bronze}/_spark_metadata`]);
    const started: string[] = [];
    const service = (name: string): Component => ({
      name,
      embedded: false,
      endpoint: "-",
      ports: [],
      portVariable: "-",
      install: async () => undefined,
      start: async () => void started.push(name),
      stop: async () => false,
      probe: async () => ({ healthy: true, detail: "" }),
    });
    await assert.rejects(bringUp(config, [], [service("api"), service("bronze-writer")]), /previous format/);
    assert.deepEqual(started, []);
    await bringUp(config, [], [service("api")]);
    assert.deepEqual(started, ["api"]);
  });
});
