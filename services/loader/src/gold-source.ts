import { kpiMinuteColumns } from "@ecomstream/contracts";
import { type LakeStore, readTable } from "@ecomstream/lake";
import { goldDdl, type LakeLayout, layerSpecs } from "@ecomstream/lake-model";
import type { SparkSession } from "@ecomstream/spark-connect";
import { goldFilter } from "./gold-cursor.js";
import { type KpiRow, kpiRowFromObject } from "./kpi-row.js";

export { goldDdl };

/**
 * Gold rows whose updated_at is after `afterMs` (all when null), read from one snapshot of the
 * gold Delta table: a restatement's commit is seen whole or not at all. No gold yet reads nothing.
 * Rows that are not kpi_minute rows come apart in `bad`, so one never stops the others.
 */
export async function readGoldRows(
  session: SparkSession,
  store: LakeStore,
  lake: LakeLayout,
  afterMs: number | null,
): Promise<GoldRead> {
  const { frame } = await readTable(session, store, layerSpecs(lake).gold, { filter: goldFilter(afterMs) });
  const rows = frame
    ? ((await frame
        .selectExpr(...kpiMinuteColumns.map((c) => c.name), "is_final", "updated_at")
        .collect()) as Array<Record<string, unknown>>)
    : [];
  const read: GoldRead = { rows: [], bad: [] };
  for (const row of rows) {
    try {
      read.rows.push(kpiRowFromObject(row));
    } catch (error) {
      read.bad.push({
        windowStart: isoOrNull(row.window_start),
        updatedAtMs: msOrNull(row.updated_at),
        reason: (error as Error).message,
      });
    }
  }
  return read;
}

/** A gold row that is not a kpi_minute row (e.g. a non-finite revenue): skipped, never loaded. */
export interface BadGoldRow {
  windowStart: string | null;
  updatedAtMs: number | null;
  reason: string;
}

export interface GoldRead {
  rows: KpiRow[];
  bad: BadGoldRow[];
}

function msOrNull(value: unknown): number | null {
  const ms =
    value instanceof Date ? value.getTime() : typeof value === "string" ? Date.parse(value) : Number.NaN;
  return Number.isFinite(ms) ? ms : null;
}

function isoOrNull(value: unknown): string | null {
  const ms = msOrNull(value);
  return ms === null ? null : new Date(ms).toISOString();
}
