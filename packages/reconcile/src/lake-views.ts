import { commitVersions, lakeStore, readTable } from "@ecomstream/lake";
import { lakeLayout, layerSpecs } from "@ecomstream/lake-model";
import type { EcomConfig } from "@ecomstream/runtime";
import type { SparkSession } from "@ecomstream/spark-connect";

/** Temp view names the reconcile queries use. */
export const views = {
  bronze: "ecom_rc_bronze",
  silver: "ecom_rc_silver",
  quarantine: "ecom_rc_quarantine",
  gold: "ecom_rc_gold",
} as const;

/**
 * Registers the lake's layers as temp views (named by `names`, reconcile's own by default), each
 * pinned to its Delta table's newest version at registration (`readTable` with `versionAsOf`), so
 * every query of a pass reads the same snapshot however long the pass runs while writers commit.
 * Downstream tables are pinned first (gold, silver, quarantine, then bronze): bronze's snapshot then
 * holds every record silver and quarantine were written from, and records bronze took since are
 * silver's lag, never rows without a source. A layer with no commit yet becomes an empty view of
 * its columns; the answer says which exist.
 */
export async function registerLakeViews(
  session: SparkSession,
  config: EcomConfig,
  names: Record<keyof typeof views, string> = views,
): Promise<Record<keyof typeof views, boolean>> {
  const store = lakeStore(config);
  const specs = layerSpecs(lakeLayout(config.lake.uri));
  const present = { bronze: false, silver: false, quarantine: false, gold: false };
  for (const name of ["gold", "silver", "quarantine", "bronze"] as const) {
    const version = (await commitVersions(store, specs[name].uri)).at(-1);
    const { frame } = await readTable(session, store, specs[name], version === undefined ? {} : { version });
    present[name] = frame !== undefined;
    if (frame) await frame.createOrReplaceTempView(names[name]);
    else {
      const ddl = specs[name].ddl.replace(/'/g, "\\'");
      await (await session.sql(`SELECT * FROM (SELECT from_json(NULL, '${ddl}') AS r) LIMIT 0`))
        .selectExpr("r.*")
        .createOrReplaceTempView(names[name]);
    }
  }
  return present;
}
