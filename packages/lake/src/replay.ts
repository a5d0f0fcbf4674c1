import type { FieldSpec } from "@ecomstream/contracts";
import { fromHourPredicate, type HourKey, hourOf, hourStartMs, type LayerSpec } from "@ecomstream/lake-model";
import { EcomError, errorCodes } from "@ecomstream/runtime";
import type { DataFrame, SparkSession } from "@ecomstream/spark-connect";
import { commitVersions } from "./delta-table.js";
import { firstCopiesSql, judgeBronze, quarantineSelect } from "./judge.js";
import {
  type HourCommit,
  hourCommitsAfter,
  hourLabel,
  hoursIn,
  isConcurrentCommit,
  replaceHours,
} from "./replace-hours.js";
import type { LakeStore } from "./store.js";
import {
  type StreamConsumer,
  type StreamProgress,
  StreamProgressError,
  streamProgress,
} from "./stream-progress.js";
import { readTable } from "./table-reader.js";

/** The tables a replay reads and rewrites. */
export interface ReplayTables {
  bronze: LayerSpec;
  silver: LayerSpec;
  quarantine: LayerSpec;
}

export interface ReplayOptions {
  /** Event-time range (epoch ms, `to` exclusive): every hour partition overlapping it is rebuilt. */
  from: number;
  to: number;
  /** silver-writer's streaming queries on bronze: the one writing silver, the one writing quarantine. */
  consumers: { silver: StreamConsumer; quarantine: StreamConsumer };
  /** Recomputes gold for silver hours (gold-writer's `restateGold`). */
  restateGold: (hours: HourKey[]) => Promise<unknown>;
  /** A variant of the contract's field table to judge with (default: the contract's). */
  fields?: readonly FieldSpec[];
  /** Tries of a table's replacement (a lost concurrent commit, a stream midway through a bronze commit). */
  attempts?: number;
}

export interface ReplayedLayer {
  layer: string;
  /** Hour partitions the replacement changed. */
  partitions: number;
  /** null when the hours could not be read before (e.g. a data file of theirs was deleted: the replay repairs it). */
  rowsBefore: number | null;
  rowsAfter: number;
  filesRemoved: number;
  filesAdded: number;
  /** The table's version of the replacement commit. */
  version: number;
  /** The bronze version the rows were rebuilt from: what silver-writer's query had put into the table. */
  bronzeVersion: number;
  /** Files of the bronze commits after it: left to silver-writer's query. */
  bronzeFilesLeft: number;
}

export interface ReplayReport {
  hours: HourKey[];
  silver: ReplayedLayer;
  quarantine: ReplayedLayer;
  /** Bronze files neither table was rebuilt from (committed after what silver-writer had processed). */
  bronzeFilesLeft: number;
  goldHours: HourKey[];
}

/** Every hour partition overlapping [from, to). */
export function hoursOverlapping(from: number, to: number): HourKey[] {
  if (!(Number.isFinite(from) && Number.isFinite(to)) || from >= to) {
    throw new EcomError(errorCodes.usage, "the replay range is empty: --from must be before --to", {
      fix: "e.g. --from 2026-11-25T10:00:00Z --to 2026-11-25T12:00:00Z",
    });
  }
  const hours: HourKey[] = [];
  for (let t = hourStartMs(hourOf(from)); t < to; t += 3_600_000) hours.push(hourOf(t));
  return hours;
}

let viewCounter = 0;
const view = (name: string) => `ecom_lake_replay_${name}_${process.pid}_${viewCounter++}`;

const emptyBronzeSql =
  "SELECT CAST(NULL AS STRING) AS key, CAST(NULL AS STRING) AS value, CAST(NULL AS STRING) AS topic, " +
  "CAST(NULL AS INT) AS partition, CAST(NULL AS BIGINT) AS offset, CAST(NULL AS TIMESTAMP) AS kafka_timestamp, " +
  "CAST(NULL AS TIMESTAMP) AS ingest_ts, CAST(NULL AS DATE) AS ingest_date, CAST(NULL AS INT) AS hour WHERE FALSE";

/** Bronze as of `version` (nothing when -1), its ingest partitions narrowed by `filter`, as a view. */
async function bronzeView(
  session: SparkSession,
  store: LakeStore,
  spec: LayerSpec,
  version: number,
  filter: string,
): Promise<string> {
  const name = view("bronze");
  const frame = version < 0 ? undefined : (await readTable(session, store, spec, { version, filter })).frame;
  await (frame ?? (await session.sql(emptyBronzeSql))).createOrReplaceTempView(name);
  return name;
}

/** The rows a table's replayed hours hold, from bronze up to what its stream had processed. */
type Rebuild = (bronze: StreamProgress) => Promise<DataFrame>;

async function rowsIn(
  session: SparkSession,
  store: LakeStore,
  spec: LayerSpec,
  version: number,
  hours: readonly HourKey[],
): Promise<number | null> {
  try {
    const { frame } = await readTable(session, store, spec, {
      version,
      filter: hoursIn(hours, spec.dateColumn),
    });
    return frame ? await frame.count() : 0;
  } catch {
    return null;
  }
}

async function filesAfter(store: LakeStore, spec: LayerSpec, version: number): Promise<number> {
  return (await hourCommitsAfter(store, spec, version)).reduce((n, c) => n + c.filesAdded, 0);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Replaces `hours` of `spec`'s table with `rebuild(progress)`, where `progress` is how far the
 * table's stream (`consumer`) had brought bronze into it: bronze commits after it are left to the
 * stream, which appends their rows later, so no row is written twice. A stream batch committed
 * between reading that progress and the replacement's own snapshot has rows the replacement does
 * not hold yet and removed: then the replacement is made again, from the newer progress (a batch
 * committed after that snapshot is a blind append Delta keeps). A commit lost to a concurrent one
 * is tried again too.
 */
async function replaceFromBronze(
  session: SparkSession,
  store: LakeStore,
  tables: ReplayTables,
  spec: LayerSpec,
  consumer: StreamConsumer,
  hours: readonly HourKey[],
  attempts: number,
  rebuild: Rebuild,
): Promise<{ layer: ReplayedLayer; commit: HourCommit }> {
  const wanted = new Set(hours.map(hourLabel));
  for (let attempt = 1; ; attempt++) {
    try {
      const progress = await streamProgress(store, consumer, tables.bronze.uri, spec.uri);
      const rowsBefore = await rowsIn(session, store, spec, progress.sinkVersion, hours);
      const rows = await rebuild(progress);
      const commit = await replaceHours(store, spec, rows, hours, progress.sinkVersion);
      const snapshot = commit.readVersion ?? commit.version - 1;
      const overtaken = (await hourCommitsAfter(store, spec, progress.sinkVersion)).some(
        (c) => c.version <= snapshot && [...c.hours].some((h) => wanted.has(h)),
      );
      if (overtaken) {
        if (attempt < attempts) continue;
        throw new EcomError(
          errorCodes.timeout,
          `silver-writer kept committing to ${spec.name}'s replayed hours during the replay (${attempts} tries)`,
          { fix: "run the replay again (it is idempotent); it restores the rows this try replaced" },
        );
      }
      const layer: ReplayedLayer = {
        layer: spec.name,
        partitions: [...commit.hours].filter((h) => wanted.has(h)).length,
        rowsBefore,
        rowsAfter: commit.rowsWritten,
        filesRemoved: commit.filesRemoved,
        filesAdded: commit.filesAdded,
        version: commit.version,
        bronzeVersion: progress.sourceVersion,
        bronzeFilesLeft: await filesAfter(store, tables.bronze, progress.sourceVersion),
      };
      return { layer, commit };
    } catch (error) {
      const again = isConcurrentCommit(error) || (error instanceof StreamProgressError && error.retry);
      if (!again || attempt >= attempts) throw error;
      await sleep(1000 * attempt);
    }
  }
}

/**
 * Rebuilds silver (event-hour partitions) and quarantine (ingest-hour partitions) of a time range
 * from bronze with the contract's SQL, as silver-writer would: silver keeps one copy per event_id
 * (the first by Kafka time), judged among every bronze record that can hold an event of those
 * hours. Each table's hours are replaced in ONE Delta commit (readers see the old hours or the
 * new ones), silver's before quarantine's, then gold is restated for the silver hours the
 * replacement changed. Only bronze commits silver-writer's queries have processed are read (see
 * `replaceFromBronze`), so it is safe with the pipeline running. Idempotent: a second run writes
 * the same rows. The caller holds the silver and quarantine locks (one lake operation at a time).
 */
export async function replayRange(
  session: SparkSession,
  store: LakeStore,
  tables: ReplayTables,
  options: ReplayOptions,
): Promise<ReplayReport> {
  const hours = hoursOverlapping(options.from, options.to);
  const attempts = options.attempts ?? 8;
  const first = hourStartMs(hours[0]!);
  if ((await commitVersions(store, tables.bronze.uri)).length === 0) {
    throw new EcomError(
      errorCodes.dependency,
      `bronze (${tables.bronze.uri}) has no commit yet: nothing to replay`,
      {
        fix: "start the pipeline (./ecom up) and let bronze-writer write, then replay",
      },
    );
  }

  // silver: an event of hour H was ingested at most 5 minutes before H (later: any time)
  const silver = await replaceFromBronze(
    session,
    store,
    tables,
    tables.silver,
    options.consumers.silver,
    hours,
    attempts,
    async (progress) => {
      const source = await bronzeView(
        session,
        store,
        tables.bronze,
        progress.sourceVersion,
        fromHourPredicate(tables.bronze, hourOf(first - 3_600_000)),
      );
      const valid = view("valid");
      await (await judgeBronze(session, source, options.fields))
        .filter(`reason IS NULL AND ${hoursIn(hours, "event_date")}`)
        .createOrReplaceTempView(valid);
      return session.sql(firstCopiesSql(valid));
    },
  );
  const quarantine = await replaceFromBronze(
    session,
    store,
    tables,
    tables.quarantine,
    options.consumers.quarantine,
    hours,
    attempts,
    async (progress) => {
      const source = await bronzeView(
        session,
        store,
        tables.bronze,
        progress.sourceVersion,
        hoursIn(hours, "ingest_date"),
      );
      return (await judgeBronze(session, source, options.fields))
        .filter("reason IS NOT NULL")
        .selectExpr(...quarantineSelect);
    },
  );
  const goldHours = hours.filter((h) => silver.commit.hours.has(hourLabel(h)));
  await options.restateGold(goldHours);
  return {
    hours,
    silver: silver.layer,
    quarantine: quarantine.layer,
    bronzeFilesLeft: Math.max(silver.layer.bronzeFilesLeft, quarantine.layer.bronzeFilesLeft),
    goldHours,
  };
}
