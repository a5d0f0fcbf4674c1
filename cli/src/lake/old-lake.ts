import { fileURLToPath } from "node:url";
import { type LakeStore, lakeStore } from "@ecomstream/lake";
import { lakeLayout, layerNames, layerSpecs } from "@ecomstream/lake-model";
import { type EcomConfig, EcomError, errorCodes } from "@ecomstream/runtime";

/**
 * The lake's table folders written in the previous format (before Delta Lake): a streaming file
 * sink's `_spark_metadata` log, or (gold, batch-written) hour partitions with no `_delta_log`.
 * A Delta writer over such a folder would start a new table beside the old files, which every
 * reader would then no longer see; so the whole lake is rebuilt instead (`./ecom lake rebuild`).
 */
export async function oldFormatTables(store: LakeStore, lakeUri: string): Promise<string[]> {
  const specs = layerSpecs(lakeLayout(lakeUri));
  const old: string[] = [];
  for (const name of layerNames) {
    const { uri, dateColumn } = specs[name];
    const children = await store.children(uri);
    const sinkLog = children.includes("_spark_metadata");
    const parquetHours =
      !children.includes("_delta_log") && children.some((c) => c.startsWith(`${dateColumn}=`));
    if (sinkLog || parquetHours) old.push(uri);
  }
  return old;
}

/** A lake URI as a user finds it: a local path for file://, the URI itself otherwise. */
export const displayUri = (uri: string): string => (uri.startsWith("file:") ? fileURLToPath(uri) : uri);

/**
 * Refuses to start the lake's writers over a lake of the previous format: one line naming the
 * first old table folder (and how many more) and the fix. Called by `./ecom up` before the writers.
 */
export async function refuseOldLake(config: EcomConfig, store: LakeStore = lakeStore(config)): Promise<void> {
  const old = await oldFormatTables(store, config.lake.uri);
  const [first] = old;
  if (first === undefined) return;
  const more = old.length > 1 ? ` (and ${old.length - 1} more table folders)` : "";
  throw new EcomError(
    errorCodes.config,
    `the lake table ${displayUri(first)}${more} is in the previous format (parquet with _spark_metadata, no _delta_log); the writers now write Delta Lake tables`,
    {
      fix: config.lake.uri.startsWith("file:")
        ? "run ./ecom lake rebuild (moves the old lake aside and re-ingests the topic into Delta tables), then ./ecom up"
        : rebuildOnS3Fix(config),
    },
  );
}

/** The manual fix on an object store, where `./ecom lake rebuild` does not move folders. */
export function rebuildOnS3Fix(config: EcomConfig): string {
  return (
    `stop the writers (./ecom down), move the table folders under ${config.lake.uri} (bronze, silver, quarantine, gold) ` +
    `and the checkpoints ${config.checkpoints.uri} to another prefix and $ECOM_HOME/state aside; ./ecom up then re-ingests the topic`
  );
}
