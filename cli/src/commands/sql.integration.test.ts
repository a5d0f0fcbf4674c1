import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { loadConfig } from "@ecomstream/runtime";
import { runEcom } from "../testing/run-ecom.js";

const config = loadConfig();
const home = mkdtempSync(join(tmpdir(), "ecom-sql-"));
/** A fresh home (an empty lake) on the running Spark server. */
const env = {
  ECOM_HOME: home,
  ECOM_CACHE: config.cache,
  ECOM_LAKE_URI: undefined,
  ECOM_CHECKPOINT_URI: undefined,
  ECOM_SPARK_REMOTE: config.spark.remote.replace("localhost", "127.0.0.1"),
};

describe("./ecom sql over the lake's tables (Spark)", { timeout: 300_000 }, () => {
  after(() => rmSync(home, { recursive: true, force: true }));

  it("answers over every table by name, as JSON, CSV or a table, even on an empty lake", async () => {
    const json = await runEcom(
      [
        "sql",
        "SELECT (SELECT count(*) FROM bronze) AS bronze, (SELECT count(*) FROM silver) AS silver, " +
          "(SELECT count(*) FROM quarantine) AS quarantine, (SELECT count(*) FROM gold_kpi_minute) AS gold",
        "--format",
        "json",
      ],
      env,
    );
    assert.equal(json.code, 0, json.stderr);
    assert.deepEqual(JSON.parse(json.stdout), [{ bronze: 0, silver: 0, quarantine: 0, gold: 0 }]);
    const csv = await runEcom(["sql", "SELECT 'a,b' AS x, CAST(NULL AS INT) AS y", "--format", "csv"], env);
    assert.equal(csv.code, 0, csv.stderr);
    assert.equal(csv.stdout.trim(), 'x,y\n"a,b",');
    const table = await runEcom(["sql", "SELECT event_id, event_ts FROM silver"], env);
    assert.equal(table.code, 0, table.stderr);
    assert.match(table.stdout, /^event_id\s+event_ts/);
  });

  it("a query Spark refuses is one line with the tables to use, never a stack trace", async () => {
    const result = await runEcom(["sql", "SELECT * FROM no_such_table"], env);
    assert.notEqual(result.code, 0);
    const lines = result.stderr.trim().split("\n");
    assert.match(lines[0] ?? "", /^ecom: \[TABLE_OR_VIEW_NOT_FOUND\]/);
    assert.match(result.stderr, /fix: .*bronze, silver, quarantine, gold_kpi_minute/);
    assert.equal(lines.length, 2, result.stderr);
    const format = await runEcom(["sql", "SELECT 1", "--format", "xml"], env);
    assert.notEqual(format.code, 0);
    assert.match(format.stderr, /--format xml is not one of table, csv, json/);
  });
});
