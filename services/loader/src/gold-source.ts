import { kpiMinuteColumns } from "@ecomstream/contracts";
import type { SparkSession } from "@ecomstream/spark-connect";
import { goldDdl, type LakeLayout, unlessMissing } from "@ecomstream/stage";
import { goldFilter } from "./gold-cursor.js";
import { type KpiRow, kpiRowFromObject } from "./kpi-row.js";

export { goldDdl };

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
