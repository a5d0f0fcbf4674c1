import { EcomError, errorCodes } from "@ecomstream/runtime";
import { commitVersions, deltaLogUri } from "./delta-table.js";
import type { LakeStore } from "./store.js";

/** A streaming query that reads a lake table as a Delta stream and writes another one with a Delta sink. */
export interface StreamConsumer {
  name: string;
  /** The query's checkpoint folder (`metadata` holds its id, `offsets/<batch>` its source offsets). */
  checkpoint: string;
}

/** How far a streaming query's output in its sink table reaches into its source table. */
export interface StreamProgress {
  /** The sink table's version the progress was read at. */
  sinkVersion: number;
  /** The query's last batch committed into the sink table as of `sinkVersion`. */
  batch: number;
  /**
   * Every source commit up to this version (and none after) is in the sink as of `sinkVersion`;
   * -1 when the query has read none.
   */
  sourceVersion: number;
}

/** Why a query's progress cannot be used yet; `retry` when its next batch will settle it. */
export class StreamProgressError extends EcomError {
  constructor(
    message: string,
    readonly retry: boolean,
    fix: string,
  ) {
    super(errorCodes.dependency, message, { fix });
  }
}

const notStarted = (consumer: StreamConsumer, why: string) =>
  new StreamProgressError(
    `silver-writer's query ${consumer.name} has not read bronze yet (${why}); ` +
      "a replay now could be followed by the stream writing the same events again",
    false,
    "start the pipeline (./ecom up), wait until ./ecom status shows silver-writer running, then replay",
  );

const commitUri = (uri: string, version: number) =>
  `${deltaLogUri(uri)}/${String(version).padStart(20, "0")}.json`;

/** The newest batch id the sink table records for the query `appId` (its `txn` action) at or before `version`. */
async function lastSinkBatch(store: LakeStore, sinkUri: string, appId: string, version: number) {
  const versions = (await commitVersions(store, sinkUri)).filter((v) => v <= version).reverse();
  for (const v of versions) {
    const text = await store.readText(commitUri(sinkUri, v));
    for (const line of (text ?? "").split("\n")) {
      if (!line.includes('"txn"')) continue;
      const txn = (JSON.parse(line) as { txn?: { appId?: string; version?: number } }).txn;
      if (txn?.appId === appId && typeof txn.version === "number") return txn.version;
    }
  }
  return undefined;
}

/** Delta source offset of one batch (the third line of `offsets/<batch>`: one source). */
interface DeltaSourceOffset {
  reservoirVersion: number;
  index: number;
  isStartingVersion: boolean;
}

/** Data files a source commit adds (a streaming Delta source reads them in this order). */
async function addedFiles(store: LakeStore, sourceUri: string, version: number): Promise<number> {
  const text = (await store.readText(commitUri(sourceUri, version))) ?? "";
  return text.split("\n").filter((line) => line.startsWith('{"add"') && !line.includes('"dataChange":false'))
    .length;
}

/**
 * The source version a Delta stream offset has read through. An offset `(v, index)` means files up
 * to `index` of commit v are read; a negative index (Delta's markers before a commit's files) means
 * all of commit v-1 and before; an index past the commit's files means all of v. An offset in the
 * middle of a commit, or in the table's starting snapshot, is midway: not a version boundary.
 */
async function sourceVersionOf(store: LakeStore, sourceUri: string, offset: DeltaSourceOffset) {
  const { reservoirVersion: v, index, isStartingVersion } = offset;
  if (isStartingVersion) return undefined;
  if (index < 0) return v - 1;
  if (index + 1 >= (await addedFiles(store, sourceUri, v))) return v;
  return undefined;
}

/**
 * What `consumer` has put into the Delta table `sinkUri` from the Delta table `sourceUri`, read
 * from the sink's log and the query's checkpoint: the batch id the Delta sink recorded in the
 * sink's newest commit of the query (a `txn` action), then that batch's end offset. A batch is in
 * the sink once its commit is, whether or not the checkpoint has marked it done, so this is exact:
 * the sink holds the rows of every source commit up to `sourceVersion` and of none after it.
 * Throws `StreamProgressError` when the query has not started, or is midway through a source
 * commit (retry: its next batch ends on a commit boundary).
 */
export async function streamProgress(
  store: LakeStore,
  consumer: StreamConsumer,
  sourceUri: string,
  sinkUri: string,
): Promise<StreamProgress> {
  const metadata = await store.readText(`${consumer.checkpoint}/metadata`);
  if (metadata === undefined) throw notStarted(consumer, `no ${consumer.checkpoint}/metadata`);
  const appId = (JSON.parse(metadata) as { id?: string }).id ?? "";
  const versions = await commitVersions(store, sinkUri);
  const sinkVersion = versions[versions.length - 1];
  const batch =
    sinkVersion === undefined ? undefined : await lastSinkBatch(store, sinkUri, appId, sinkVersion);
  if (sinkVersion === undefined || batch === undefined) {
    throw notStarted(consumer, `no batch of it in ${sinkUri}`);
  }
  const offsets = await store.readText(`${consumer.checkpoint}/offsets/${batch}`);
  const line = offsets?.split("\n")[2];
  if (!line || line === "-")
    throw notStarted(consumer, `no source offset in ${consumer.checkpoint}/offsets/${batch}`);
  const offset = JSON.parse(line) as DeltaSourceOffset;
  const sourceVersion = await sourceVersionOf(store, sourceUri, offset);
  if (sourceVersion === undefined) {
    throw new StreamProgressError(
      `silver-writer's query ${consumer.name} is midway through bronze commit ${offset.reservoirVersion}`,
      true,
      "wait for its next batch (a few seconds), then replay",
    );
  }
  return { sinkVersion, batch, sourceVersion };
}
