import type { SparkSession } from "@ecomstream/spark-connect";
import type { LakeLayout } from "@ecomstream/stage";
import type pg from "pg";
import { advanceGoldCursor, goldCursorName, goldReadAfterMs, parseGoldCursor } from "./gold-cursor.js";
import { readGoldRows } from "./gold-source.js";
import { type KpiRow, windowStartMs } from "./kpi-row.js";
import { upsertKpiRows } from "./kpi-store.js";
import { inTransaction } from "./pg.js";
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
 * Final rows from gold: reads gold rows newer than the cursor through Spark and upserts them (gold
 * replaces provisional rows, a restatement earlier gold) in one transaction with the new cursor.
 * Loading the same gold again changes nothing.
 */
export async function syncGold(
  session: SparkSession,
  pool: pg.Pool,
  lake: LakeLayout,
): Promise<GoldSyncResult> {
  const cursor = parseGoldCursor(await readState(pool, goldCursorName(lake.gold)));
  const rows = await readGoldRows(session, lake, goldReadAfterMs(cursor));
  const next = advanceGoldCursor(cursor, rows);
  if (rows.length === 0) return { read: 0, written: 0, writtenRows: [], cursorMs: next?.updatedAtMs ?? null };
  const windows = await inTransaction(pool, async (client) => {
    const written = await upsertKpiRows(client, rows, "gold");
    await writeState(client, goldCursorName(lake.gold), next);
    return new Set(written);
  });
  const writtenRows = rows.filter((row) => windows.has(windowStartMs(row)));
  return { read: rows.length, written: windows.size, writtenRows, cursorMs: next?.updatedAtMs ?? null };
}
