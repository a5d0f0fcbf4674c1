import { inTransaction } from "@ecomstream/runtime";
import type pg from "pg";
import type { PoolClient } from "pg";
import type { KpiRow } from "./kpi-row.js";
import type { KpiSource } from "./kpi-sql.js";
import { upsertKpiRows } from "./kpi-store.js";

/**
 * Postgres refused a row for what it holds, not for its own state: SQLSTATE class 22 (data
 * exception, e.g. a number out of range) or 23 (integrity constraint). Retrying it cannot help.
 */
export function isRowFault(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && (code.startsWith("22") || code.startsWith("23"));
}

/**
 * Upserts `items`' rows, and runs `also` (e.g. the cursor's write), in one transaction; returns the
 * window_starts written. When Postgres refuses the batch for a row's fault, each row is upserted
 * alone, those refused go to `onBad` and the rest are loaded, then `also` runs: one bad row never
 * stops a load. Any other error (Postgres down) is thrown for the caller to retry.
 */
export async function upsertSkippingBad<T extends { row: KpiRow }>(
  pool: pg.Pool,
  items: readonly T[],
  source: KpiSource,
  onBad: (item: T, reason: string) => void,
  also?: (client: PoolClient) => Promise<void>,
): Promise<number[]> {
  const rows = items.map((item) => item.row);
  try {
    return await inTransaction(pool, async (client) => {
      const written = rows.length > 0 ? await upsertKpiRows(client, rows, source) : [];
      await also?.(client);
      return written;
    });
  } catch (error) {
    if (!isRowFault(error)) throw error;
  }
  const written: number[] = [];
  for (const item of items) {
    try {
      written.push(...(await inTransaction(pool, (client) => upsertKpiRows(client, [item.row], source))));
    } catch (error) {
      if (!isRowFault(error)) throw error;
      onBad(item, `Postgres refused it: ${(error as Error).message}`);
    }
  }
  if (also) await inTransaction(pool, also);
  return written;
}
