import { kpiMinuteColumns } from "@ecomstream/contracts";
import type { SparkSession } from "@ecomstream/spark-connect";
import type { LakeLayout } from "@ecomstream/stage";
import { unlessMissing } from "@ecomstream/stage";
import { goldFilter } from "./gold-cursor.js";
import { type KpiRow, kpiRowFromObject } from "./kpi-row.js";

const sparkTypes = { timestamp: "TIMESTAMP", bigint: "BIGINT", double: "DOUBLE" } as const;

/** Gold kpi_minute as the gold writer stores it: the contract's columns, is_final, updated_at, partitions. */
export const goldDdl = [
  ...kpiMinuteColumns.map((c) => `${c.name} ${sparkTypes[c.type]}`),
  "is_final BOOLEAN",
  "updated_at TIMESTAMP",
  "event_date DATE",
  "hour INT",
].join(", ");

/**
 * Gold rows whose updated_at is after `afterMs` (all when null), read through Spark. No gold yet
 * reads nothing. `ignoreMissingFiles`: a partition the gold writer is replacing at that moment is
 * skipped (its new rows come with the next read, see goldOverlapMs) instead of failing the read.
 */
export async function readGoldRows(
  session: SparkSession,
  lake: LakeLayout,
  afterMs: number | null,
): Promise<KpiRow[]> {
  const rows = await unlessMissing(
    async () =>
      (await session.read
        .format("parquet")
        .schema(goldDdl)
        .option("ignoreMissingFiles", "true")
        .load(lake.gold)
        .filter(goldFilter(afterMs))
        .selectExpr(...kpiMinuteColumns.map((c) => c.name), "is_final", "updated_at")
        .collect()) as Array<Record<string, unknown>>,
    [],
  );
  return rows.map(kpiRowFromObject);
}
