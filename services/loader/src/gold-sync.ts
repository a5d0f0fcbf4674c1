import type { LakeStore } from "@ecomstream/lake";
import type { LakeLayout } from "@ecomstream/lake-model";
import type { SparkSession } from "@ecomstream/spark-connect";
import type pg from "pg";
import type { BadRowLog } from "./bad-rows.js";
import { ServingWriteError } from "./errors.js";
import { advanceGoldCursor, goldCursorName, goldReadAfterMs, parseGoldCursor } from "./gold-cursor.js";
import { readGoldRows } from "./gold-source.js";
import { upsertSkippingBad } from "./kpi-load.js";
import { type KpiRow, windowStartMs } from "./kpi-row.js";
import { readState, writeState } from "./service-state.js";

export interface GoldSyncResult {
  /** Gold rows read after the cursor (with the overlap). */
  read: number;
  /** Rows that changed kpi_minute. */
  written: number;
  /** Those rows. */
  writtenRows: KpiRow[];
  /** The cursor after this sync (epoch ms of the newest gold updated_at loaded), null before any. */
  cursorMs: number | null;
}

/**
 * Final rows from gold: reads gold rows newer than the cursor from gold's Delta table and upserts them (gold
 * replaces provisional rows, a restatement earlier gold) in one transaction with the new cursor.
 * Loading the same gold again changes nothing. A row that is not a kpi_minute row (or that Postgres
 * refuses) is skipped and recorded in `badRows` with its minute; the cursor moves past it.
 */
export async function syncGold(
  session: SparkSession,
  pool: pg.Pool,
  lake: LakeLayout,
  store: LakeStore,
  badRows?: BadRowLog,
): Promise<GoldSyncResult> {
  const cursor = parseGoldCursor(await readState(pool, goldCursorName(lake.gold)));
  const { rows, bad } = await readGoldRows(session, store, lake, goldReadAfterMs(cursor));
  const noteBad = (windowStart: string | null, updatedAtMs: number | null, reason: string) =>
    badRows?.note({
      source: "gold",
      coordinates: {
        window_start: windowStart,
        updated_at: updatedAtMs === null ? null : new Date(updatedAtMs).toISOString(),
      },
      reason,
    });
  for (const row of bad) noteBad(row.windowStart, row.updatedAtMs, row.reason);
  // the cursor passes bad rows too: they are skipped, not read again and again
  const badTimes = bad.flatMap((row) => (row.updatedAtMs === null ? [] : [row.updatedAtMs]));
  const next = advanceGoldCursor(cursor, rows, badTimes);
  if (rows.length === 0 && next?.updatedAtMs === cursor?.updatedAtMs)
    return { read: 0, written: 0, writtenRows: [], cursorMs: next?.updatedAtMs ?? null };
  let written: number[];
  try {
    written = await upsertSkippingBad(
      pool,
      rows.map((row) => ({ row })),
      "gold",
      ({ row }, reason) => noteBad(new Date(windowStartMs(row)).toISOString(), row.updatedAtMs, reason),
      (client) => writeState(client, goldCursorName(lake.gold), next),
    );
  } catch (error) {
    throw new ServingWriteError("gold kpi_minute rows", error);
  }
  const windows = new Set(written);
  const writtenRows = rows.filter((row) => windows.has(windowStartMs(row)));
  return { read: rows.length, written: windows.size, writtenRows, cursorMs: next?.updatedAtMs ?? null };
}
