import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { lakeStore, readTable } from "@ecomstream/lake";
import { goldTableSpecs, utcDateHour } from "@ecomstream/lake-model";
import { createLogger, createServingPool } from "@ecomstream/runtime";
import { SparkSession } from "@ecomstream/spark-connect";
import { type TempDatabase, type TempHome, tempDatabase, tempHome } from "@ecomstream/testkit";
import pg from "pg";
import { BadRowLog } from "./bad-rows.js";
import { breakdownColumns } from "./breakdown-row.js";
import { syncBreakdownTable } from "./breakdown-sync.js";
import { sparkRemote } from "./loader.fixture.js";

const minute = 60_000;
const hour = (h: number) => Date.UTC(2024, 2, 11, h);
const at = (h: number, m: number, s = 0) => hour(h) + m * minute + s * 1000;
const firstWrite = at(11, 30);
const restated = at(12, 0);

type Row = Record<string, string | number | boolean>;

interface SessionSpec {
  id: string;
  start: number;
  end: number;
  events: number;
  steps?: number;
  revenue?: number;
  final: boolean;
  updatedAt: number;
}

const stepNames = ["viewed_product", "added_to_cart", "started_checkout", "purchased"] as const;

/** A gold sessions row: `steps` funnel steps in order reached, the first event's device and country. */
function sessionRow(s: SessionSpec): Row {
  return {
    session_id: s.id,
    session_start: s.start,
    session_end: s.end,
    duration_seconds: (s.end - s.start) / 1000,
    events: s.events,
    device: "mobile",
    country: "DE",
    ...Object.fromEntries(stepNames.map((name, i) => [name, i < (s.steps ?? 0)])),
    revenue_usd: s.revenue ?? 0,
    is_final: s.final,
    updated_at: s.updatedAt,
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
  if (type === "timestamp") return `timestamp_millis(${value})`;
  if (type === "string") return `'${String(value).replaceAll("'", "''")}'`;
  return `CAST(${value} AS ${sqlType[type]})`;
}

/**
 * Writes `rows` to gold sessions as the gold writer does: one commit replacing whole the hours they
 * start in, and the hours `alsoReplaced` (left without sessions).
 */
async function writeGoldSessions(
  session: SparkSession,
  home: TempHome,
  rows: readonly Row[],
  options: { overrides?: ReadonlyArray<Record<string, string>>; alsoReplaced?: readonly number[] } = {},
): Promise<void> {
  const selects = rows.map((row, i) =>
    [
      ...breakdownColumns.sessions.map(
        (c) => `${sqlOf(c.type, row[c.name] ?? "", options.overrides?.[i]?.[c.name])} AS ${c.name}`,
      ),
      `${row.is_final} AS is_final`,
      `timestamp_millis(${row.updated_at}) AS updated_at`,
    ].join(", "),
  );
  const df = (await session.sql(selects.map((s) => `SELECT ${s}`).join(" UNION ALL "))).selectExpr(
    "*",
    ...utcDateHour("session_start", "event_date", "hour"),
  );
  const hours = new Set([
    ...rows.map((row) => Math.floor((row.session_start as number) / 3_600_000) * 3_600_000),
    ...(options.alsoReplaced ?? []),
  ]);
  const replaced = [...hours].map((ms) => {
    const iso = new Date(ms).toISOString();
    return `(event_date = DATE'${iso.slice(0, 10)}' AND hour = ${Number(iso.slice(11, 13))})`;
  });
  await df.write
    .format("delta")
    .mode("overwrite")
    .option("replaceWhere", replaced.join(" OR "))
    .partitionBy("event_date", "hour")
    .save(goldTableSpecs(home.lake).sessions.uri);
}

/** A value as comparable text: timestamps as ISO, counts as numbers (pg returns int8 as text). */
const norm = (value: unknown, type: string): unknown =>
  value instanceof Date ? value.toISOString() : value !== null && type === "bigint" ? Number(value) : value;

function comparable(rows: ReadonlyArray<Record<string, unknown>>): string[] {
  const columns = [
    ...breakdownColumns.sessions,
    { name: "is_final", type: "boolean" },
    { name: "updated_at", type: "timestamp" },
  ];
  return rows
    .map((row) => JSON.stringify(Object.fromEntries(columns.map((c) => [c.name, norm(row[c.name], c.type)]))))
    .sort();
}

describe("loader: gold sessions -> serving.sessions", { timeout: 240_000 }, () => {
  let session: SparkSession;
  let home: TempHome;
  let db: TempDatabase;
  let writer: pg.Pool;
  let badRows: BadRowLog;

  before(async () => {
    session = await SparkSession.connect(`${sparkRemote.replace(/\/$/, "")}/;user_id=loader-sessions-test`);
    home = tempHome("loader-");
    db = await tempDatabase("ecom_loader_test");
    writer = createServingPool(db.writerUrl);
    badRows = new BadRowLog(createLogger("loader-sessions-test"), undefined);
  });
  after(async () => {
    await writer?.end();
    await db?.drop();
    await session?.close();
    home?.remove();
  });

  const sync = () =>
    syncBreakdownTable("sessions", session, writer, home.lake, lakeStore(home.config), badRows);

  async function gold(): Promise<string[]> {
    const { frame } = await readTable(session, lakeStore(home.config), goldTableSpecs(home.lake).sessions);
    return comparable(frame ? ((await frame.collect()) as Array<Record<string, unknown>>) : []);
  }
  async function serving(): Promise<string[]> {
    return comparable((await db.pool.query("SELECT * FROM serving.sessions")).rows);
  }
  async function held(id: string): Promise<Array<Record<string, unknown>>> {
    const { rows } = await db.pool.query(
      "SELECT session_start, session_end, events, purchased, revenue_usd, is_final FROM serving.sessions " +
        "WHERE session_id = $1 ORDER BY session_start",
      [id],
    );
    return rows.map((r) => ({
      ...r,
      session_start: r.session_start.toISOString(),
      events: Number(r.events),
    }));
  }

  it("reads nothing while gold sessions does not exist", async () => {
    assert.deepEqual(await sync(), { read: 0, written: 0, cursorMs: null });
  });

  it("loads sessions equal to gold: two sessions of one session_id, a one-event session, a provisional one", async () => {
    await writeGoldSessions(session, home, [
      sessionRow({
        id: "u-1",
        start: at(9, 50),
        end: at(10, 10),
        events: 9,
        steps: 4,
        revenue: 42.5,
        final: true,
        updatedAt: firstWrite,
      }),
      sessionRow({
        id: "u-2",
        start: at(9, 58),
        end: at(9, 58),
        events: 1,
        final: true,
        updatedAt: firstWrite,
      }),
      sessionRow({
        id: "u-3",
        start: at(10, 20),
        end: at(10, 25),
        events: 3,
        steps: 2,
        final: false,
        updatedAt: firstWrite,
      }),
      sessionRow({
        id: "u-1",
        start: at(10, 50),
        end: at(10, 55),
        events: 2,
        steps: 1,
        final: false,
        updatedAt: firstWrite,
      }),
      sessionRow({
        id: "u-6",
        start: at(11, 1),
        end: at(11, 5),
        events: 2,
        final: false,
        updatedAt: firstWrite,
      }),
    ]);
    const result = await sync();
    assert.equal(result.read, 5);
    assert.equal(result.written, 5);
    assert.equal(result.cursorMs, firstWrite);
    assert.deepEqual(await serving(), await gold());
    assert.equal((await held("u-1")).length, 2);
  });

  it("loading the same gold again changes nothing", async () => {
    const before = await serving();
    const result = await sync();
    assert.equal(result.written, 0);
    assert.deepEqual(await serving(), before);
  });

  it("a restatement replaces provisional sessions as they grow and drops a session a late event merged away", async () => {
    // hour 10 restated: u-3 grew and purchased (now final); a late event at 10:45 of u-6 joined its
    // session of 11:01, which now starts at 10:45, so hour 11 holds no session any more
    await writeGoldSessions(
      session,
      home,
      [
        sessionRow({
          id: "u-3",
          start: at(10, 20),
          end: at(10, 40),
          events: 7,
          steps: 4,
          revenue: 30,
          final: true,
          updatedAt: restated,
        }),
        sessionRow({
          id: "u-1",
          start: at(10, 50),
          end: at(10, 55),
          events: 2,
          steps: 1,
          final: true,
          updatedAt: restated,
        }),
        sessionRow({
          id: "u-6",
          start: at(10, 45),
          end: at(11, 5),
          events: 3,
          final: false,
          updatedAt: restated,
        }),
      ],
      { alsoReplaced: [hour(11)] },
    );
    const result = await sync();
    assert.equal(result.cursorMs, restated);
    assert.deepEqual(await serving(), await gold());
    assert.deepEqual(await held("u-3"), [
      {
        session_start: new Date(at(10, 20)).toISOString(),
        session_end: new Date(at(10, 40)),
        events: 7,
        purchased: true,
        revenue_usd: 30,
        is_final: true,
      },
    ]);
    assert.deepEqual(
      (await held("u-6")).map((r) => r.session_start),
      [new Date(at(10, 45)).toISOString()],
    );
    // hour 9 was not restated: kept as loaded
    assert.equal((await held("u-2")).length, 1);
  });

  it("skips a bad row, logged once, and loads the others", async () => {
    const later = restated + minute;
    await writeGoldSessions(
      session,
      home,
      [
        sessionRow({
          id: "u-7",
          start: at(12, 5),
          end: at(12, 6),
          events: 2,
          final: false,
          updatedAt: later,
        }),
        sessionRow({
          id: "u-bad",
          start: at(12, 7),
          end: at(12, 8),
          events: 2,
          final: false,
          updatedAt: later,
        }),
      ],
      { overrides: [{}, { session_end: `timestamp_millis(${at(12, 6)})` }] },
    );
    await sync();
    await sync();
    assert.equal(badRows.health().skipped.gold, 1);
    assert.match(badRows.health().last?.reason ?? "", /session_end is before session_start/);
    assert.equal((await held("u-7")).length, 1);
    assert.equal((await held("u-bad")).length, 0);
  });

  it("ecom_reader reads serving.sessions", async () => {
    const reader = new pg.Pool({ connectionString: db.readerUrl, max: 1 });
    try {
      const { rows } = await reader.query("SELECT count(*)::int AS n FROM serving.sessions");
      assert.equal(rows[0].n, 6);
    } finally {
      await reader.end();
    }
  });
});
