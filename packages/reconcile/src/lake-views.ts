import type { SparkSession } from "@ecomstream/spark-connect";
import { bronzeDdl, type LakeLayout, quarantineDdl, silverDdl } from "@ecomstream/stage";

/** Temp view names the reconcile queries use. */
export const views = {
  bronze: "ecom_rc_bronze",
  silver: "ecom_rc_silver",
  quarantine: "ecom_rc_quarantine",
  gold: "ecom_rc_gold",
} as const;

async function register(
  session: SparkSession,
  path: string,
  ddl: string | undefined,
  name: string,
): Promise<boolean> {
  const reader = session.read.format("parquet");
  const df = (ddl ? reader.schema(ddl) : reader).load(path);
  try {
    await df.limit(0).collect();
    await df.createOrReplaceTempView(name);
    return true;
  } catch (error) {
    const text = String((error as Error).message);
    if (!/PATH_NOT_FOUND|UNABLE_TO_INFER_SCHEMA|does not exist/i.test(text)) throw error;
    return false;
  }
}

/**
 * Registers the lake's layers as temp views, read through Spark (so a file sink's `_spark_metadata`
 * commit log decides which files count). A layer that does not exist yet becomes an empty view.
 */
export async function registerLakeViews(
  session: SparkSession,
  lake: LakeLayout,
): Promise<Record<keyof typeof views, boolean>> {
  const present = {
    bronze: await register(session, lake.bronze, bronzeDdl, views.bronze),
    silver: await register(session, lake.silver, silverDdl, views.silver),
    quarantine: await register(session, lake.quarantine, quarantineDdl, views.quarantine),
    gold: await register(session, lake.gold, undefined, views.gold),
  };
  const empty = (ddl: string, name: string) =>
    session
      .sql(`SELECT * FROM (SELECT from_json(NULL, '${ddl.replace(/'/g, "\\'")}') AS r) LIMIT 0`)
      .then((df) => df.selectExpr("r.*").createOrReplaceTempView(name));
  if (!present.bronze) await empty(bronzeDdl, views.bronze);
  if (!present.silver) await empty(silverDdl, views.silver);
  if (!present.quarantine) await empty(quarantineDdl, views.quarantine);
  return present;
}
