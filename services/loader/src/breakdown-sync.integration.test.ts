import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { lakeStore, readTable } from "@ecomstream/lake";
import { type GoldTableName, goldTableSpecs, utcDateHour } from "@ecomstream/lake-model";
import { createLogger, createServingPool } from "@ecomstream/runtime";
import { SparkSession } from "@ecomstream/spark-connect";
import { type TempDatabase, type TempHome, tempDatabase, tempHome } from "@ecomstream/testkit";
import pg from "pg";
import { BadRowLog } from "./bad-rows.js";
import { breakdownColumns } from "./breakdown-row.js";
import { syncBreakdowns } from "./breakdown-sync.js";
import { sparkRemote } from "./loader.fixture.js";

const hour9 = Date.UTC(2024, 2, 10, 9);
const hour10 = Date.UTC(2024, 2, 10, 10);
const firstWrite = Date.UTC(2024, 2, 10, 10, 5);
const restated = Date.UTC(2024, 2, 10, 10, 20);

type Row = Record<string, string | number | boolean | null>;

/** A kpi_dim_minute row; category rows leave the measures of other events NULL, as gold does. */
function dimRow(
  minuteMs: number,
  dimension: string,
  value: string,
  events: number,
  updatedAtMs: number,
): Row {
  const onCategory = dimension === "category";
  return {
    window_start: minuteMs,
    window_end: minuteMs + 60_000,
    dimension,
    dimension_value: value,
    events,
    product_views: Math.floor(events / 2),
    add_to_carts: Math.floor(events / 4),
    checkouts: onCategory ? null : 1,
    purchases: onCategory ? null : 1,
    payment_failures: onCategory ? null : 0,
    revenue_usd: onCategory ? null : events * 1.25,
    unique_sessions: Math.max(1, Math.floor(events / 3)),
    is_final: true,
    updated_at: updatedAtMs,
  };
}

function productRow(hourMs: number, productId: string, views: number, updatedAtMs: number): Row {
  return {
    window_start: hourMs,
    window_end: hourMs + 3_600_000,
    product_id: productId,
    views,
    add_to_carts: Math.floor(views / 3),
    remove_from_carts: 1,
    unique_sessions: Math.max(1, Math.floor(views / 2)),
    is_final: false,
    updated_at: updatedAtMs,
  };
}

const sqlType = {
  timestamp: "TIMESTAMP",
  bigint: "BIGINT",
  double: "DOUBLE",
  string: "STRING",
  boolean: "BOOLEAN",
} as const;

function sqlOf(type: keyof typeof sqlType, value: Row[string], override?: string): string {
  if (override !== undefined) return `CAST(${override} AS ${sqlType[type]})`;
  if (value === null) return `CAST(NULL AS ${sqlType[type]})`;
  if (type === "timestamp") return `timestamp_millis(${value})`;
  if (type === "string") return `'${String(value).replaceAll("'", "''")}'`;
  return `CAST(${value} AS ${sqlType[type]})`;
}

/** Writes `rows` to gold `table` as the gold writer does: one commit replacing their hours whole. */
async function writeGoldTable(
  session: SparkSession,
  home: TempHome,
  table: GoldTableName,
  rows: readonly Row[],
  overrides: ReadonlyArray<Record<string, string>> = [],
): Promise<void> {
  const selects = rows.map((row, i) =>
    [
      ...breakdownColumns[table].map(
        (c) => `${sqlOf(c.type, row[c.name] ?? null, overrides[i]?.[c.name])} AS ${c.name}`,
      ),
      `${row.is_final} AS is_final`,
      `timestamp_millis(${row.updated_at}) AS updated_at`,
    ].join(", "),
  );
  const df = (await session.sql(selects.map((s) => `SELECT ${s}`).join(" UNION ALL "))).selectExpr(
    "*",
    ...utcDateHour("window_start", "event_date", "hour"),
  );
  const hours = await df.selectExpr("CAST(event_date AS STRING) AS d", "hour").dropDuplicates().collect();
  const replaced = hours.map((h) => `(event_date = DATE'${String(h.d)}' AND hour = ${Number(h.hour)})`);
  await df.write
    .format("delta")
    .mode("overwrite")
    .option("replaceWhere", replaced.join(" OR "))
    .partitionBy("event_date", "hour")
    .save(goldTableSpecs(home.lake)[table].uri);
}

/** A value as text compares it: timestamps as ISO, counts as numbers (pg returns int8 as text). */
const norm = (value: unknown, type: string): unknown =>
  value instanceof Date
    ? value.toISOString()
    : value !== null && (type === "bigint" || typeof value === "bigint")
      ? Number(value)
      : value;

const keyOf = (row: Record<string, unknown>) => JSON.stringify(row);

/** Rows as comparable text, sorted: the table's columns, is_final and updated_at. */
function comparable(table: GoldTableName, rows: ReadonlyArray<Record<string, unknown>>): string[] {
  const columns = [
    ...breakdownColumns[table],
    { name: "is_final", type: "boolean" },
    { name: "updated_at", type: "timestamp" },
  ];
  return rows
    .map((row) => keyOf(Object.fromEntries(columns.map((c) => [c.name, norm(row[c.name], c.type)]))))
    .sort();
}

describe("loader: gold breakdowns -> serving.kpi_dim_minute, serving.product_hour", {
  timeout: 240_000,
}, () => {
  let session: SparkSession;
  let home: TempHome;
  let db: TempDatabase;
  let writer: pg.Pool;
  let badRows: BadRowLog;

  before(async () => {
    session = await SparkSession.connect(`${sparkRemote.replace(/\/$/, "")}/;user_id=loader-breakdown-test`);
    home = tempHome("loader-");
    db = await tempDatabase("ecom_loader_test");
    writer = createServingPool(db.writerUrl);
    badRows = new BadRowLog(createLogger("loader-breakdown-test"), undefined);
  });
  after(async () => {
    await writer?.end();
    await db?.drop();
    await session?.close();
    home?.remove();
  });

  const sync = () => syncBreakdowns(session, writer, home.lake, lakeStore(home.config), badRows);

  async function gold(table: GoldTableName): Promise<string[]> {
    const { frame } = await readTable(session, lakeStore(home.config), goldTableSpecs(home.lake)[table]);
    return comparable(table, frame ? ((await frame.collect()) as Array<Record<string, unknown>>) : []);
  }
  async function serving(table: GoldTableName): Promise<string[]> {
    return comparable(table, (await db.pool.query(`SELECT * FROM serving.${table}`)).rows);
  }

  it("reads nothing while the gold tables do not exist", async () => {
    const result = await sync();
    assert.deepEqual(result.kpi_dim_minute, { read: 0, written: 0, cursorMs: null });
    assert.deepEqual(result.product_hour, { read: 0, written: 0, cursorMs: null });
  });

  it("loads rows equal to gold, category rows' other measures NULL", async () => {
    await writeGoldTable(session, home, "kpi_dim_minute", [
      dimRow(hour9 + 58 * 60_000, "country", "DE", 12, firstWrite),
      dimRow(hour9 + 58 * 60_000, "country", "FR", 5, firstWrite),
      dimRow(hour9 + 59 * 60_000, "device", "mobile", 9, firstWrite),
      dimRow(hour9 + 59 * 60_000, "category", "shoes", 6, firstWrite),
      dimRow(hour10, "country", "DE", 3, firstWrite),
    ]);
    await writeGoldTable(session, home, "product_hour", [
      productRow(hour9, "p-1", 30, firstWrite),
      productRow(hour9, "p-2", 7, firstWrite),
    ]);
    const result = await sync();
    assert.equal(result.kpi_dim_minute.written, 5);
    assert.equal(result.product_hour.written, 2);
    assert.equal(result.kpi_dim_minute.cursorMs, firstWrite);
    assert.deepEqual(await serving("kpi_dim_minute"), await gold("kpi_dim_minute"));
    assert.deepEqual(await serving("product_hour"), await gold("product_hour"));
    const category = await db.pool.query(
      "SELECT checkouts, purchases, payment_failures, revenue_usd FROM serving.kpi_dim_minute WHERE dimension = 'category'",
    );
    assert.deepEqual(category.rows, [
      { checkouts: null, purchases: null, payment_failures: null, revenue_usd: null },
    ]);
  });

  it("loading the same gold again changes nothing", async () => {
    const before = { dim: await serving("kpi_dim_minute"), product: await serving("product_hour") };
    const result = await sync();
    assert.equal(result.kpi_dim_minute.written, 0);
    assert.equal(result.product_hour.written, 0);
    assert.deepEqual(await serving("kpi_dim_minute"), before.dim);
    assert.deepEqual(await serving("product_hour"), before.product);
  });

  it("a restated hour replaces the held one whole: changed rows replaced, rows it no longer holds removed", async () => {
    await writeGoldTable(session, home, "kpi_dim_minute", [
      dimRow(hour9 + 58 * 60_000, "country", "DE", 14, restated),
      dimRow(hour9 + 59 * 60_000, "device", "mobile", 9, restated),
      dimRow(hour9 + 59 * 60_000, "category", "shoes", 6, restated),
    ]);
    await writeGoldTable(session, home, "product_hour", [
      productRow(hour9, "p-1", 31, restated),
      productRow(hour9, "p-3", 2, restated),
    ]);
    const result = await sync();
    assert.equal(result.kpi_dim_minute.cursorMs, restated);
    assert.deepEqual(await serving("kpi_dim_minute"), await gold("kpi_dim_minute"));
    assert.deepEqual(await serving("product_hour"), await gold("product_hour"));
    const fr = await db.pool.query(
      "SELECT count(*)::int AS n FROM serving.kpi_dim_minute WHERE dimension_value = 'FR'",
    );
    assert.equal(fr.rows[0].n, 0);
  });

  it("skips a bad row, logged once, and loads the others", async () => {
    const later = restated + 60_000;
    await writeGoldTable(
      session,
      home,
      "product_hour",
      [productRow(hour10, "p-1", 4, later), productRow(hour10, "p-bad", 4, later)],
      [{}, { views: "-1" }],
    );
    await sync();
    await sync();
    assert.equal(badRows.health().skipped.gold, 1);
    assert.match(badRows.health().last?.reason ?? "", /views is not a count/);
    const rows = await db.pool.query(
      "SELECT product_id FROM serving.product_hour WHERE window_start = $1 ORDER BY product_id",
      [new Date(hour10)],
    );
    assert.deepEqual(rows.rows, [{ product_id: "p-1" }]);
  });

  it("ecom_reader reads both tables", async () => {
    const reader = new pg.Pool({ connectionString: db.readerUrl, max: 1 });
    try {
      const { rows } = await reader.query(
        "SELECT (SELECT count(*) FROM serving.kpi_dim_minute)::int AS d, (SELECT count(*) FROM serving.product_hour)::int AS p",
      );
      assert.ok(rows[0].d > 0 && rows[0].p > 0);
    } finally {
      await reader.end();
    }
  });
});
