import type { FieldSpec } from "@ecomstream/contracts";
import { EcomError, errorCodes } from "@ecomstream/runtime";
import type { DataFrame, SparkSession } from "@ecomstream/spark-connect";
import type { StreamConsumer } from "./consumers.js";
import { readFileLog } from "./file-log.js";
import { firstCopiesSql, judgeBronze, quarantineSelect } from "./judge.js";
import {
  type HourKey,
  hourOf,
  hourStartMs,
  type LayerSpec,
  parsePartitionKey,
  partitionKey,
} from "./layers.js";
import { saveManifest } from "./manifest.js";
import { collectGarbage, type PartitionReplacement, replacePartitions } from "./rewrite.js";
import { readFiles, snapshotFiles, snapshotTable, type TableSnapshot } from "./snapshot.js";
import { type Staged, stageRows } from "./staging.js";
import type { LakeStore } from "./store.js";

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
  graceMs: number;
  targetFileBytes: number;
  nowMs?: number;
}

export interface ReplayedLayer {
  layer: string;
  partitions: number;
  /** null when the partitions could not be read (e.g. a file of theirs was deleted: the replay repairs it). */
  rowsBefore: number | null;
  rowsAfter: number;
  filesSuperseded: number;
  filesWritten: number;
}

export interface ReplayReport {
  hours: HourKey[];
  silver: ReplayedLayer;
  quarantine: ReplayedLayer;
  /** Bronze files read, and those left to silver-writer (not committed by its queries yet). */
  bronzeFiles: number;
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

/** Spark predicate: `dateColumn`/`hourColumn` is one of `hours`. */
export function hoursIn(hours: readonly HourKey[], dateColumn: string, hourColumn = "hour"): string {
  const byDate = new Map<string, number[]>();
  for (const h of hours) byDate.set(h.date, [...(byDate.get(h.date) ?? []), h.hour]);
  const terms = [...byDate].map(
    ([d, hs]) => `(${dateColumn} = DATE'${d}' AND ${hourColumn} IN (${hs.join(", ")}))`,
  );
  return terms.length ? `(${terms.join(" OR ")})` : "FALSE";
}

/**
 * Bronze files whose rows `consumer` has judged AND whose output its sink had committed when
 * `target` was snapshotted: the entries of its file source log up to the sink's last batch. A
 * replay reads exactly those, so that the rows it writes are the rows of the sink files it
 * supersedes; later files are left to the stream, which appends their rows as new sink files.
 */
async function committedInput(
  store: LakeStore,
  consumer: StreamConsumer,
  target: TableSnapshot,
): Promise<Set<string>> {
  const entries = await readFileLog(store, `${consumer.checkpoint}/sources/0`);
  if (!entries) {
    throw new EcomError(
      errorCodes.dependency,
      `silver-writer's query ${consumer.name} has not read bronze yet (no ${consumer.checkpoint}/sources/0); ` +
        "a replay now could be followed by the stream writing the same events again",
      {
        fix: "start the pipeline (./ecom up), wait until ./ecom status shows silver-writer running, then replay",
      },
    );
  }
  return new Set(entries.filter((e) => (e.batchId ?? 0) <= target.lastBatch).map((e) => e.path));
}

/** Bronze rows of the files `consumer` committed, from ingest hour `fromHour` on (all when undefined). */
async function bronzeFor(
  session: SparkSession,
  spec: LayerSpec,
  bronze: TableSnapshot,
  committed: Set<string>,
  keep: (at: HourKey) => boolean,
) {
  const sink: string[] = [];
  let left = 0;
  for (const [key, files] of bronze.sinkFiles) {
    const at = parsePartitionKey(key);
    if (!at || !keep(at)) continue;
    for (const f of files) {
      if (committed.has(f)) sink.push(f);
      else left++;
    }
  }
  const rewritten = Object.entries(bronze.manifest.partitions)
    .filter(([key]) => {
      const at = parsePartitionKey(key);
      return at !== undefined && keep(at);
    })
    .flatMap(([, p]) => p.files);
  return {
    frame: readFiles(session, spec, { sink, rewritten }),
    files: sink.length + rewritten.length,
    left,
  };
}

let viewCounter = 0;
const view = (name: string) => `ecom_lake_replay_${name}_${process.pid}_${viewCounter++}`;

async function countRows(frame: DataFrame | undefined): Promise<number> {
  return frame ? frame.count() : 0;
}

/** Replaces a target's `hours` partitions with the staged rows; returns the next manifest, unsaved. */
async function replaceWithStaged(
  session: SparkSession,
  store: LakeStore,
  spec: LayerSpec,
  snapshot: TableSnapshot,
  staged: Staged,
  hours: readonly HourKey[],
  options: ReplayOptions,
  nowMs: number,
) {
  const touched = hours.filter((at) => {
    const key = partitionKey(spec, at);
    return staged.partitions.has(key) || snapshot.sinkFiles.has(key) || snapshot.manifest.partitions[key];
  });
  const before = snapshotFiles(spec, snapshot, touched);
  const rowsBefore = await countRows(readFiles(session, spec, before)).catch(() => null);
  const items: PartitionReplacement[] = touched.map((at) => ({
    at,
    frame: staged.frame(at),
    supersede: snapshot.sinkFiles.get(partitionKey(spec, at)) ?? [],
    inputBytes: staged.partitions.get(partitionKey(spec, at))?.bytes ?? 0,
  }));
  const collected = await collectGarbage(store, snapshot.manifest, nowMs);
  const { manifest, written } = await replacePartitions(session, store, spec, collected.manifest, items, {
    kind: "replay",
    nowMs,
    graceMs: options.graceMs,
    targetFileBytes: options.targetFileBytes,
  });
  const report: ReplayedLayer = {
    layer: spec.name,
    partitions: written.length,
    rowsBefore,
    rowsAfter: written.reduce((n, w) => n + w.rows, 0),
    filesSuperseded: before.sink.length + before.rewritten.length,
    filesWritten: written.reduce((n, w) => n + w.files.length, 0),
  };
  return { manifest, report };
}

/**
 * Rebuilds silver (event-hour partitions) and quarantine (ingest-hour partitions) of a time range
 * from bronze with the contract's SQL, as silver-writer would: silver keeps one copy per event_id
 * (the first by Kafka time). The new partitions supersede the sink files they replace (see
 * readTable); silver is saved before quarantine, then gold is restated for the silver hours.
 * Idempotent: a second run writes the same rows. The caller holds the silver and quarantine locks.
 */
export async function replayRange(
  session: SparkSession,
  store: LakeStore,
  tables: ReplayTables,
  options: ReplayOptions,
): Promise<ReplayReport> {
  const nowMs = options.nowMs ?? Date.now();
  const hours = hoursOverlapping(options.from, options.to);
  const first = hourStartMs(hours[0]!);
  const end = hourStartMs(hours[hours.length - 1]!) + 3_600_000;
  const silverSnap = await snapshotTable(store, tables.silver);
  const quarantineSnap = await snapshotTable(store, tables.quarantine);
  const bronzeSnap = await snapshotTable(store, tables.bronze);
  const silverInput = await committedInput(store, options.consumers.silver, silverSnap);
  const quarantineInput = await committedInput(store, options.consumers.quarantine, quarantineSnap);

  // silver: an event of hour H was ingested at most 5 minutes before H (later: any time)
  const forSilver = await bronzeFor(
    session,
    tables.bronze,
    bronzeSnap,
    silverInput,
    (at) => hourStartMs(at) >= first - 3_600_000,
  );
  const forQuarantine = await bronzeFor(session, tables.bronze, bronzeSnap, quarantineInput, (at) => {
    const t = hourStartMs(at);
    return t >= first && t < end;
  });
  const stagedSilver = await stage(session, store, tables.silver, forSilver.frame, async (bronzeView) => {
    const judged = await judgeBronze(session, bronzeView, options.fields);
    const valid = view("valid");
    await judged.filter(`reason IS NULL AND ${hoursIn(hours, "event_date")}`).createOrReplaceTempView(valid);
    return session.sql(firstCopiesSql(valid));
  });
  const stagedQuarantine = await stage(
    session,
    store,
    tables.quarantine,
    forQuarantine.frame,
    async (bronzeView) =>
      (await judgeBronze(session, bronzeView, options.fields))
        .filter("reason IS NOT NULL")
        .selectExpr(...quarantineSelect),
  );
  try {
    const silver = await replaceWithStaged(
      session,
      store,
      tables.silver,
      silverSnap,
      stagedSilver,
      hours,
      options,
      nowMs,
    );
    const quarantine = await replaceWithStaged(
      session,
      store,
      tables.quarantine,
      quarantineSnap,
      stagedQuarantine,
      hours,
      options,
      nowMs,
    );
    await saveManifest(store, tables.silver.uri, silver.manifest);
    await saveManifest(store, tables.quarantine.uri, quarantine.manifest);
    const goldHours = hours.filter((at) => silver.manifest.partitions[partitionKey(tables.silver, at)]);
    await options.restateGold(goldHours);
    return {
      hours,
      silver: silver.report,
      quarantine: quarantine.report,
      bronzeFiles: forSilver.files,
      bronzeFilesLeft: forSilver.left + forQuarantine.left,
      goldHours,
    };
  } finally {
    await stagedSilver.remove();
    await stagedQuarantine.remove();
  }
}

/** Stages `rows(view of bronze)`; an empty bronze stages nothing. */
async function stage(
  session: SparkSession,
  store: LakeStore,
  spec: LayerSpec,
  bronze: DataFrame | undefined,
  rows: (bronzeView: string) => Promise<DataFrame>,
): Promise<Staged> {
  const bronzeView = view("bronze");
  const source =
    bronze ??
    (await session.sql(
      "SELECT CAST(NULL AS STRING) AS key, CAST(NULL AS STRING) AS value, CAST(NULL AS STRING) AS topic, " +
        "CAST(NULL AS INT) AS partition, CAST(NULL AS BIGINT) AS offset, CAST(NULL AS TIMESTAMP) AS kafka_timestamp, " +
        "CAST(NULL AS TIMESTAMP) AS ingest_ts, CAST(NULL AS DATE) AS ingest_date, CAST(NULL AS INT) AS hour WHERE FALSE",
    ));
  await source.createOrReplaceTempView(bronzeView);
  return stageRows(session, store, spec, await rows(bronzeView), `replay-${spec.name}`);
}
