import { commitVersions, lakeStore, readTable } from "@ecomstream/lake";
import { type GoldTableName, goldTableNames, goldTableSpecs, lakeLayout } from "@ecomstream/lake-model";
import type { EcomConfig } from "@ecomstream/runtime";
import type { SparkSession } from "@ecomstream/spark-connect";

/**
 * Registers gold's tables beside kpi_minute (kpi_dim_minute, product_hour) named in `names` as temp
 * views (other names are ignored), each pinned to its newest Delta version at registration, as `registerLakeViews` pins the
 * layers; a table with no commit yet becomes an empty view of its columns. Call after
 * `registerLakeViews`: kpi_minute is pinned first.
 */
export async function registerGoldTableViews(
  session: SparkSession,
  config: EcomConfig,
  names: Partial<Record<GoldTableName, string>>,
): Promise<void> {
  const store = lakeStore(config);
  const specs = goldTableSpecs(lakeLayout(config.lake.uri));
  for (const table of goldTableNames) {
    const view = names[table];
    if (view === undefined) continue;
    const spec = specs[table];
    const version = (await commitVersions(store, spec.uri)).at(-1);
    const { frame } = await readTable(session, store, spec, version === undefined ? {} : { version });
    if (frame) {
      await frame.createOrReplaceTempView(view);
      continue;
    }
    const ddl = spec.ddl.replace(/'/g, "\\'");
    await (await session.sql(`SELECT * FROM (SELECT from_json(NULL, '${ddl}') AS r) LIMIT 0`))
      .selectExpr("r.*")
      .createOrReplaceTempView(view);
  }
}
