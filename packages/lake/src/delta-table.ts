import type { LayerSpec } from "@ecomstream/lake-model";
import type { SparkSession } from "@ecomstream/spark-connect";
import type { LakeStore } from "./store.js";

/** ``delta.`<uri>` ``: a Delta table named by its location in Spark SQL. */
export function deltaPath(uri: string): string {
  return `delta.\`${uri.replace(/`/g, "``")}\``;
}

/** The table's transaction log folder. */
export const deltaLogUri = (uri: string) => `${uri}/_delta_log`;

const commitFile = /^(\d{20})\.json$/;

/** Versions of the commits the log still holds as JSON files, oldest first. */
export async function commitVersions(store: LakeStore, uri: string): Promise<number[]> {
  const names = await store.children(deltaLogUri(uri));
  return names
    .map((name) => commitFile.exec(name))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => Number(m[1]))
    .sort((a, b) => a - b);
}

/** True once the table's first commit exists. */
export async function isDeltaTable(store: LakeStore, uri: string): Promise<boolean> {
  const names = await store.children(deltaLogUri(uri));
  return names.some((name) => commitFile.test(name) || name.endsWith(".checkpoint.parquet"));
}

/** Table properties every lake table carries: change data feed on (the loader and tools follow gold by it). */
const tableProperties = "'delta.enableChangeDataFeed' = 'true'";

/**
 * Creates the table at its spec path (its schema and partition columns) unless it exists, and adds
 * the columns an existing table lacks: every writer and streaming reader calls this before it
 * starts, so a stream never waits on a folder that is not a table yet. Two stages creating one
 * table at once: the loser sees it exists.
 */
export async function ensureDeltaTable(
  session: SparkSession,
  store: LakeStore,
  spec: LayerSpec,
): Promise<void> {
  if (await isDeltaTable(store, spec.uri)) return addMissingColumns(session, spec);
  const sql =
    `CREATE TABLE IF NOT EXISTS ${deltaPath(spec.uri)} (${spec.ddl}) USING delta ` +
    `PARTITIONED BY (${spec.dateColumn}, hour) TBLPROPERTIES (${[tableProperties, ...specProperties(spec)].join(", ")})`;
  try {
    await (await session.sql(sql)).collect();
  } catch (error) {
    if (await isDeltaTable(store, spec.uri)) return;
    throw error;
  }
}

/** The spec's own table properties as `'key' = 'value'` items. */
const specProperties = (spec: LayerSpec) =>
  Object.entries(spec.properties ?? {}).map(([key, value]) => `'${key}' = '${value}'`);

/** The spec's added columns the table lacks. */
async function missingColumns(session: SparkSession, spec: LayerSpec) {
  const schema = await session.read.format("delta").load(spec.uri).schema();
  const have = new Set(schema.fields.map((f) => f.name));
  return (spec.addedColumns ?? []).filter((c) => !have.has(c.name));
}

/**
 * Adds the columns a table gained after its first version (`LayerSpec.addedColumns`) to a table
 * created without them, and sets the spec's table properties that came with them; rows committed
 * before hold NULL there. Two stages adding at once: the loser finds them added.
 */
async function addMissingColumns(session: SparkSession, spec: LayerSpec): Promise<void> {
  if (!spec.addedColumns?.length) return;
  const missing = await missingColumns(session, spec);
  if (missing.length === 0) return;
  const sql = `ALTER TABLE ${deltaPath(spec.uri)} ADD COLUMNS (${missing.map((c) => `${c.name} ${c.ddl}`).join(", ")})`;
  try {
    await (await session.sql(sql)).collect();
  } catch (error) {
    if ((await missingColumns(session, spec)).length === 0) return;
    throw error;
  }
  const properties = specProperties(spec);
  if (properties.length > 0)
    await (
      await session.sql(`ALTER TABLE ${deltaPath(spec.uri)} SET TBLPROPERTIES (${properties.join(", ")})`)
    ).collect();
}
