import type { SparkSession } from "@ecomstream/spark-connect";
import { type LakeLayout, silverDdl, sparkTs, unlessMissing } from "@ecomstream/stage";

/**
 * Silver rows in files committed after `afterMs` (read through silver's commit log, files pruned
 * by their logged modification time): what gold's restatement has not looked at yet.
 */
export async function silverRowsCommittedAfter(
  session: SparkSession,
  lake: LakeLayout,
  afterMs: number,
): Promise<number> {
  return unlessMissing(async () => {
    const [row] = await session.read
      .format("parquet")
      .schema(silverDdl)
      .load(lake.silver)
      .filter(`_metadata.file_modification_time > ${sparkTs(afterMs)}`)
      .selectExpr("count(*) AS n")
      .collect();
    return Number(row?.n ?? 0);
  }, 0);
}
