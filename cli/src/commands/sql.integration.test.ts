import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { lakeLayout } from "@ecomstream/lake-model";
import { loadConfig } from "@ecomstream/runtime";
import { SparkSession } from "@ecomstream/spark-connect";
import { appendBronze, offsetRecords, runEcom } from "@ecomstream/testkit";

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

  it("time travels: each table's Delta path and version, VERSION AS OF n, and its history", async () => {
    const home = loadConfig({ ...process.env, ...env });
    const session = await SparkSession.connect(config.spark.remote);
    try {
      // version 0 creates the table, 1 appends three rows, 2 appends two more
      await appendBronze(session, lakeLayout(home.lake.uri), home.topic.name, offsetRecords([0, 1, 2]));
      await appendBronze(session, lakeLayout(home.lake.uri), home.topic.name, offsetRecords([3, 4]));
    } finally {
      await session.close();
    }
    const tables = await runEcom(["sql", "tables", "--format", "json"], env);
    assert.equal(tables.code, 0, tables.stderr);
    const listed = JSON.parse(tables.stdout) as Array<{
      table: string;
      path: string;
      version: number | null;
    }>;
    assert.deepEqual(
      listed.map((t) => [t.table, t.version]),
      [
        ["bronze", 2],
        ["silver", null],
        ["quarantine", null],
        ["gold_kpi_minute", null],
        ["gold_kpi_dim_minute", null],
        ["gold_product_hour", null],
        ["gold_sessions", null],
      ],
    );
    const bronze = listed[0]?.path ?? "";
    assert.equal(bronze, `${home.lake.uri}/bronze/ecom_events/v1`);
    const counts = await runEcom(
      [
        "sql",
        "SELECT (SELECT count(*) FROM bronze) AS now, " +
          `(SELECT count(*) FROM delta.\`${bronze}\` VERSION AS OF 1) AS v1, ` +
          `(SELECT max(offset) FROM delta.\`${bronze}\` VERSION AS OF 1) AS v1_max`,
        "--format",
        "json",
      ],
      env,
    );
    assert.equal(counts.code, 0, counts.stderr);
    assert.deepEqual(JSON.parse(counts.stdout), [{ now: 5, v1: 3, v1_max: 2 }]);
    const byName = await runEcom(
      [
        "sql",
        "SELECT (SELECT count(*) FROM bronze VERSION AS OF 1) AS v1, " +
          "(SELECT count(*) FROM BRONZE version as of 2) AS v2, (SELECT count(*) FROM bronze) AS now",
        "--format",
        "json",
      ],
      env,
    );
    assert.equal(byName.code, 0, byName.stderr);
    assert.deepEqual(
      JSON.parse(byName.stdout),
      [{ v1: 3, v2: 5, now: 5 }],
      "time travel by the table's name",
    );
    const history = await runEcom(["sql", "history", "bronze", "--format", "json"], env);
    assert.equal(history.code, 0, history.stderr);
    const commits = JSON.parse(history.stdout) as Array<{
      version: number;
      operation: string;
      metrics: string;
    }>;
    assert.deepEqual(
      commits.map((c) => [c.version, c.operation]),
      [
        [2, "WRITE"],
        [1, "WRITE"],
        [0, "CREATE TABLE"],
      ],
    );
    assert.equal(JSON.parse(commits[0]?.metrics ?? "{}").numOutputRows, "2");
    const sqlHistory = await runEcom(["sql", `DESCRIBE HISTORY delta.\`${bronze}\``, "--format", "csv"], env);
    assert.equal(sqlHistory.code, 0, sqlHistory.stderr);
    assert.equal(sqlHistory.stdout.trim().split("\n").length, 4, sqlHistory.stdout);
    const none = await runEcom(["sql", "history", "silver"], env);
    assert.notEqual(none.code, 0);
    assert.match(none.stderr, /silver has no commit yet/);
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
