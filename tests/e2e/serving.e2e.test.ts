import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { kpiMinuteColumns } from "@ecomstream/contracts";
import { type ReconcileReport, reconcile } from "@ecomstream/reconcile";
import { SparkSession } from "@ecomstream/spark-connect";
import { notYet, waitFor } from "@ecomstream/testkit";
import pg from "pg";
import {
  ecomOk,
  type PipelinePlatform,
  privateDatabase,
  privatePlatform,
  readGold,
} from "./pipeline-platform.js";

const close = (a: unknown, b: unknown) =>
  (a === null && b === null) ||
  (a !== null && b !== null && Math.abs(Number(a) - Number(b)) <= 1e-9 * Math.max(1, Math.abs(Number(b))));

type Row = Record<string, unknown>;
const ms = (value: unknown) => (value instanceof Date ? value.getTime() : Date.parse(String(value)));

/** What still differs between serving.kpi_minute and final gold, or null when they are equal. */
function servingVersusGold(serving: Row[], gold: Row[]): string | null {
  if (gold.length === 0) return "gold is empty";
  const notFinal = gold.filter((g) => g.is_final !== true).length;
  if (notFinal > 0) return `${notFinal} gold minutes are not final yet`;
  if (serving.length !== gold.length) return `serving has ${serving.length} minutes, gold ${gold.length}`;
  const byStart = new Map(serving.map((row) => [ms(row.window_start), row]));
  for (const g of gold) {
    const s = byStart.get(ms(g.window_start));
    if (!s) return `serving lacks minute ${new Date(ms(g.window_start)).toISOString()}`;
    if (s.is_final !== true || s.source !== "gold") return `minute ${s.window_start} is still provisional`;
    for (const { name, type } of kpiMinuteColumns) {
      const same = type === "timestamp" ? ms(s[name]) === ms(g[name]) : close(s[name], g[name]);
      if (!same)
        return `${new Date(ms(g.window_start)).toISOString()} ${name}: ${s[name]} vs gold ${g[name]}`;
    }
    if (ms(s.updated_at) !== ms(g.updated_at)) return `minute ${s.window_start} holds an older restatement`;
  }
  return null;
}

describe("serving: generator -> writers -> loader -> Postgres (slow)", () => {
  let platform: PipelinePlatform;
  let spark: SparkSession;
  let db: pg.Pool;
  let database: Awaited<ReturnType<typeof privateDatabase>> | undefined;

  before(async () => {
    platform = await privatePlatform();
    database = await privateDatabase(platform, "serving");
    await ecomOk(platform, ["up"]);
    spark = await SparkSession.connect(platform.config.spark.remote);
    db = new pg.Pool({ connectionString: database.url, max: 2, application_name: "serving-e2e" });
  });

  after(async () => {
    await db?.end();
    await spark?.close();
    if (platform) await ecomOk(platform, ["down", "--purge"]);
    await database?.drop();
  });

  it("./ecom status shows the loader", async () => {
    const status = await ecomOk(platform, ["status"]);
    assert.match(status, /^loader\s+healthy/m, status);
  });

  it("the API logs in as ecom_reader and the loader as ecom_writer; no service as the administrator", async () => {
    const api = await fetch(`http://127.0.0.1:${platform.config.api.port}/v1/kpis/latest`);
    assert.equal(api.status, 200, await api.text());
    await waitFor(
      "the API's and the loader's connections",
      async () => {
        const { rows } = await db.query<{ usename: string; application_name: string }>(
          `SELECT DISTINCT usename, application_name FROM pg_stat_activity
          WHERE datname = current_database() AND application_name <> 'serving-e2e' ORDER BY 1, 2`,
        );
        const users = rows.map((row) => `${row.usename}/${row.application_name}`);
        const found = new Set(rows.map((row) => row.usename));
        if (
          !found.has("ecom_writer") ||
          !rows.some((r) => r.usename === "ecom_reader" && r.application_name === "ecom-api")
        )
          return notYet(`connections so far: ${users.join(", ")}`);
        assert.deepEqual([...found].sort(), ["ecom_reader", "ecom_writer"], users.join(", "));
        return true;
      },
      60_000,
      1000,
    );
  });

  it("kpi_minute equals final gold once the run is closed; quality_minute equals the books", async () => {
    await ecomOk(platform, [
      "generate",
      "--count",
      "4000",
      "--rate",
      "max",
      "--seed",
      "20261126",
      "--invalid-ratio",
      "0.04",
      "--manifest",
      platform.manifestPath,
      "--no-progress",
    ]);
    await ecomOk(platform, ["reconcile", "--wait", "240"], 300_000);

    const provisional = await db.query("SELECT count(*) AS n FROM serving.kpi_minute");
    assert.ok(Number(provisional.rows[0].n) > 0, "kpi_minute is filled while minutes are open");

    await waitFor(
      "kpi_minute = final gold",
      async () => {
        const gold = await readGold(spark, platform.config);
        const serving = (await db.query("SELECT * FROM serving.kpi_minute ORDER BY window_start")).rows;
        const difference = servingVersusGold(serving, gold);
        return difference === null ? true : notYet(difference);
      },
      360_000,
      1000,
    );

    const report: ReconcileReport = await reconcile(spark, platform.config);
    assert.equal(report.ok, true, JSON.stringify(report.checks));
    const { counts } = report;
    await waitFor(
      "quality_minute = reconcile's counts",
      async () => {
        const rows = (await db.query("SELECT * FROM serving.quality_minute")).rows;
        const total = (column: string) => rows.reduce((sum, r) => sum + Number(r[column]), 0);
        const byReason = new Map<string, number>();
        for (const r of rows)
          for (const [reason, n] of Object.entries(r.quarantined_by_reason as Record<string, number>))
            byReason.set(reason, (byReason.get(reason) ?? 0) + n);
        const got = {
          records: total("records"),
          valid: total("valid"),
          duplicates: total("duplicates"),
          byReason: Object.fromEntries([...byReason].sort()),
        };
        const expected = {
          records: counts.bronze,
          valid: counts.valid,
          duplicates: report.duplicates,
          byReason: Object.fromEntries([...counts.quarantineByReason].sort()),
        };
        try {
          assert.deepEqual(got, expected);
          return true;
        } catch {
          return notYet(`quality ${JSON.stringify(got)} vs books ${JSON.stringify(expected)}`);
        }
      },
      180_000,
      1000,
    );

    // every stage has caught up: healthy, nothing waiting upstream, freshness known
    const stages = await waitFor(
      "every stage caught up in pipeline_stage",
      async () => {
        const rows = (await db.query("SELECT * FROM serving.pipeline_stage ORDER BY stage")).rows;
        const names = rows.map((s) => s.stage).join(",");
        if (names !== "bronze-writer,gold-writer,loader,silver-writer") return notYet(`stages ${names}`);
        const behind = rows.filter(
          (s) => s.details.healthy !== true || Number(s.lag_records) !== 0 || s.freshness_seconds === null,
        );
        return behind.length === 0
          ? rows
          : notYet(
              behind
                .map(
                  (s) =>
                    `${s.stage} lag ${s.lag_records} freshness ${s.freshness_seconds} ${JSON.stringify(s.details)}`,
                )
                .join("; "),
            );
      },
      90_000,
      1000,
    );
    // bronze's figures come from its last micro-batch: a time and a rate (0 is a rate, a missing one is not)
    const bronze = stages.find((s) => s.stage === "bronze-writer");
    assert.ok(bronze.last_batch_at instanceof Date, `bronze last_batch_at ${bronze.last_batch_at}`);
    const rate: unknown = bronze.input_rows_per_second;
    assert.ok(
      typeof rate === "number" && Number.isFinite(rate) && rate >= 0,
      `bronze input_rows_per_second ${rate}`,
    );
  });
});
