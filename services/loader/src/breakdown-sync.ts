import { type LakeStore, readTable } from "@ecomstream/lake";
import { type GoldTableName, goldTableNames, goldTableSpecs, type LakeLayout } from "@ecomstream/lake-model";
import { inTransaction } from "@ecomstream/runtime";
import type { SparkSession } from "@ecomstream/spark-connect";
import type pg from "pg";
import type { PoolClient } from "pg";
import type { BadRowLog } from "./bad-rows.js";
import {
  type BreakdownRow,
  breakdownColumns,
  breakdownKeys,
  breakdownRowFromObject,
  rowHourMs,
} from "./breakdown-row.js";
import {
  breakdownPruneSql,
  breakdownUpsertParams,
  breakdownUpsertSql,
  sessionsSupersededParams,
  sessionsSupersededSql,
} from "./breakdown-sql.js";
import { ServingWriteError } from "./errors.js";
import { type GoldCursor, goldFilter, goldReadAfterMs, parseGoldCursor } from "./gold-cursor.js";
import { isRowFault } from "./kpi-load.js";
import { readState, writeState } from "./service-state.js";

/** The cursor of a breakdown table in serving.service_state, per lake table (as kpi_minute's). */
export const breakdownCursorName = (uri: string) => `loader.gold@${uri}`;

export interface BreakdownSyncResult {
  /** Gold rows read after the cursor (with the overlap). */
  read: number;
  /** Rows inserted, replaced or removed in serving. */
  written: number;
  /** The cursor after this sync (epoch ms of the newest gold updated_at loaded), null before any. */
  cursorMs: number | null;
}

/** Rows per statement: bounds the parameter arrays of a large first load. */
const chunkRows = 5000;

/** Syncs every gold table beside kpi_minute (kpi_dim_minute, product_hour, sessions) from gold into serving. */
export async function syncBreakdowns(
  session: SparkSession,
  pool: pg.Pool,
  lake: LakeLayout,
  store: LakeStore,
  badRows?: BadRowLog,
): Promise<Record<GoldTableName, BreakdownSyncResult>> {
  const results: Partial<Record<GoldTableName, BreakdownSyncResult>> = {};
  for (const table of goldTableNames)
    results[table] = await syncBreakdownTable(table, session, pool, lake, store, badRows);
  return results as Record<GoldTableName, BreakdownSyncResult>;
}

/**
 * Loads gold `table`'s rows newer than its cursor into serving.<table>, as kpi_minute is loaded: one
 * Delta snapshot read (a restatement's commit seen whole or not at all), then in one transaction
 * with the new cursor, per hour read: the rows upserted (a newer row replaces the held one, the same
 * gold again changes nothing) and the hour's older rows removed (gold restates an hour whole, so a
 * key it no longer holds goes). Sessions are restated by the hour they start in: a provisional
 * session is replaced as it grows (is_final as gold says), and a session a late event merged into
 * an earlier one goes even when its hour now holds no session (sessionsSupersededSql). A row that
 * is not a `table` row, or that Postgres refuses, is skipped and logged once in `badRows`; the
 * cursor moves past it.
 */
export async function syncBreakdownTable(
  table: GoldTableName,
  session: SparkSession,
  pool: pg.Pool,
  lake: LakeLayout,
  store: LakeStore,
  badRows?: BadRowLog,
): Promise<BreakdownSyncResult> {
  const spec = goldTableSpecs(lake)[table];
  const cursorName = breakdownCursorName(spec.uri);
  const cursor = parseGoldCursor(await readState(pool, cursorName));
  const { frame } = await readTable(session, store, spec, { filter: goldFilter(goldReadAfterMs(cursor)) });
  const raw = frame
    ? ((await frame
        .selectExpr(...breakdownColumns[table].map((c) => c.name), "is_final", "updated_at")
        .collect()) as Array<Record<string, unknown>>)
    : [];
  const noteBad = (source: Record<string, unknown>, reason: string) =>
    badRows?.note({
      source: "gold",
      coordinates: {
        table,
        ...Object.fromEntries(breakdownKeys[table].map((k) => [k, textOf(source[k])])),
        updated_at: textOf(source.updated_at),
      },
      reason,
    });
  const rows: BreakdownRow[] = [];
  // a first load reads days of rows: a running maximum, never Math.max(...rows) (argument limit)
  let newestMs: number | null = cursor ? cursor.updatedAtMs : null;
  for (const source of raw) {
    const updatedAtMs = msOf(source.updated_at);
    if (updatedAtMs !== null && (newestMs === null || updatedAtMs > newestMs)) newestMs = updatedAtMs;
    try {
      rows.push(breakdownRowFromObject(table, source));
    } catch (error) {
      noteBad(source, (error as Error).message);
    }
  }
  const next: GoldCursor | undefined = newestMs === null ? cursor : { version: 1, updatedAtMs: newestMs };
  const cursorMs = next?.updatedAtMs ?? null;
  if (raw.length === 0) return { read: 0, written: 0, cursorMs };
  const unique = newestPerKey(table, rows);
  const hours = newestPerHour(table, unique);
  const saveCursor = (client: PoolClient) => writeState(client, cursorName, next);
  try {
    const written = await inTransaction(pool, async (client) => {
      const pruned = await prune(client, table, hours);
      const upserted = await upsert(client, table, unique);
      const merged = await removeSuperseded(client, table, unique);
      await saveCursor(client);
      return pruned + upserted + merged;
    }).catch(async (error: unknown) => {
      if (!isRowFault(error)) throw error;
      // a row Postgres refuses: each row alone, the refused ones skipped and logged
      let count = await inTransaction(pool, (client) => prune(client, table, hours));
      for (const row of unique) {
        try {
          count += await inTransaction(
            pool,
            async (client) =>
              (await upsert(client, table, [row])) + (await removeSuperseded(client, table, [row])),
          );
        } catch (rowError) {
          if (!isRowFault(rowError)) throw rowError;
          noteBad(sourceOf(table, row), `Postgres refused it: ${(rowError as Error).message}`);
        }
      }
      await inTransaction(pool, saveCursor);
      return count;
    });
    return { read: raw.length, written, cursorMs };
  } catch (error) {
    throw new ServingWriteError(`gold ${table} rows`, error);
  }
}

async function upsert(
  client: PoolClient,
  table: GoldTableName,
  rows: readonly BreakdownRow[],
): Promise<number> {
  let written = 0;
  const sql = breakdownUpsertSql(table);
  for (let i = 0; i < rows.length; i += chunkRows) {
    const result = await client.query(sql, breakdownUpsertParams(table, rows.slice(i, i + chunkRows)));
    written += result.rowCount ?? 0;
  }
  return written;
}

/** For sessions: removes the held sessions the rows now cover (merged by a late event). */
async function removeSuperseded(
  client: PoolClient,
  table: GoldTableName,
  rows: readonly BreakdownRow[],
): Promise<number> {
  if (table !== "sessions") return 0;
  let removed = 0;
  for (let i = 0; i < rows.length; i += chunkRows) {
    const result = await client.query(
      sessionsSupersededSql,
      sessionsSupersededParams(rows.slice(i, i + chunkRows)),
    );
    removed += result.rowCount ?? 0;
  }
  return removed;
}

async function prune(client: PoolClient, table: GoldTableName, hours: Map<number, number>): Promise<number> {
  let removed = 0;
  for (const [hourMs, updatedAtMs] of hours) {
    const result = await client.query(breakdownPruneSql(table), [
      new Date(hourMs).toISOString(),
      new Date(updatedAtMs).toISOString(),
    ]);
    removed += result.rowCount ?? 0;
  }
  return removed;
}

/** One row per key, the newest: one INSERT ... ON CONFLICT may not touch the same key twice. */
function newestPerKey(table: GoldTableName, rows: readonly BreakdownRow[]): BreakdownRow[] {
  const byKey = new Map<string, BreakdownRow>();
  for (const row of rows) {
    const key = JSON.stringify(breakdownKeys[table].map((k) => row.values[k]));
    const held = byKey.get(key);
    if (!held || row.updatedAtMs > held.updatedAtMs) byKey.set(key, row);
  }
  return [...byKey.values()];
}

/** Hour start -> the newest updated_at among the hour's rows read (its restatement). */
function newestPerHour(table: GoldTableName, rows: readonly BreakdownRow[]): Map<number, number> {
  const hours = new Map<number, number>();
  for (const row of rows) {
    const hour = rowHourMs(table, row);
    hours.set(hour, Math.max(hours.get(hour) ?? -Infinity, row.updatedAtMs));
  }
  return hours;
}

function sourceOf(table: GoldTableName, row: BreakdownRow): Record<string, unknown> {
  const source: Record<string, unknown> = { updated_at: new Date(row.updatedAtMs) };
  for (const column of breakdownColumns[table]) {
    const value = row.values[column.name];
    source[column.name] = column.type === "timestamp" && typeof value === "number" ? new Date(value) : value;
  }
  return source;
}

function msOf(value: unknown): number | null {
  const ms =
    value instanceof Date ? value.getTime() : typeof value === "string" ? Date.parse(value) : Number.NaN;
  return Number.isFinite(ms) ? ms : null;
}

function textOf(value: unknown): string | number | null {
  const ms = value instanceof Date ? msOf(value) : null;
  if (ms !== null) return new Date(ms).toISOString();
  return typeof value === "string" || typeof value === "number" ? value : null;
}
