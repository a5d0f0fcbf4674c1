import { sqlString } from "@ecomstream/contracts";
import { excludeFilesPredicate, type LakeStore, loadManifest, supersededFiles } from "@ecomstream/lake";
import type { SparkSession } from "@ecomstream/spark-connect";
import { type LakeLayout, silverDdl, unlessMissing } from "@ecomstream/stage";
import type { HourPartition } from "./hours.js";
import type { SilverCursor } from "./restate-state.js";

export interface SilverChanges {
  /** Hours with files committed after the cursor. */
  hours: HourPartition[];
  /** The newest of those files' modification time and the files carrying it; null when none. */
  newest: { modificationTime: number; paths: string[] } | null;
}

const view = "ecom_gold_silver_changes";
const mtime = "_metadata.file_modification_time";

/** Spark predicate over a file's metadata: committed after the cursor (all files without one). */
export function newFilePredicate(cursor: SilverCursor | null): string {
  if (!cursor) return "TRUE";
  const at = `timestamp_millis(${cursor.modificationTime})`;
  const seen = cursor.paths.length
    ? ` AND _metadata.file_path NOT IN (${cursor.paths.map(sqlString).join(", ")})`
    : "";
  return `${mtime} > ${at} OR (${mtime} = ${at}${seen})`;
}

/**
 * Which (event_date, hour) partitions of silver received committed files after `cursor`. Silver
 * is read through Spark with its file sink's commit log (`_spark_metadata`, so only committed
 * files count, on file:// and s3a:// alike); each file's modification time is the one the log
 * recorded. Files are pruned by that time before any is opened, so a run costs the new files only.
 */
export async function scanSilverChanges(
  session: SparkSession,
  lake: LakeLayout,
  store: LakeStore,
  cursor: SilverCursor | null,
): Promise<SilverChanges> {
  const none: SilverChanges = { hours: [], newest: null };
  // Files lake operations superseded may be deleted: excluded before Spark opens any.
  const superseded = supersededFiles(await loadManifest(store, lake.silver));
  return unlessMissing(async () => {
    await session.read
      .format("parquet")
      .schema(silverDdl)
      .load(lake.silver)
      .filter(excludeFilesPredicate(superseded))
      .filter(newFilePredicate(cursor))
      .selectExpr(
        "CAST(event_date AS STRING) AS event_date",
        "hour",
        "_metadata.file_path AS file_path",
        `unix_millis(${mtime}) AS mtime`,
      )
      .createOrReplaceTempView(view);
    const rows = await (
      await session.sql(`SELECT event_date, hour, max(mtime) AS mtime FROM ${view} GROUP BY 1, 2`)
    ).collect();
    if (rows.length === 0) return none;
    const hours = rows.map((r) => ({ date: String(r.event_date), hour: Number(r.hour) }));
    const modificationTime = Math.max(...rows.map((r) => Number(r.mtime)));
    const paths = await (
      await session.sql(`SELECT DISTINCT file_path FROM ${view} WHERE mtime = ${modificationTime}`)
    ).collect();
    return { hours, newest: { modificationTime, paths: paths.map((r) => String(r.file_path)) } };
  }, none);
}
