import { type FieldSpec, type ReasonCode, reasonCodes, sqlString } from "@ecomstream/contracts";
import { EcomError, errorCodes } from "@ecomstream/runtime";
import type { SparkSession } from "@ecomstream/spark-connect";
import { coordinateColumns } from "@ecomstream/stage";
import { firstCopiesSql, judgeQuarantine } from "./judge.js";
import { type HourKey, hourStartMs, type LayerSpec, partitionKey } from "./layers.js";
import { saveManifest, type TableManifest } from "./manifest.js";
import { hoursOverlapping } from "./replay.js";
import { collectGarbage, type PartitionReplacement, replacePartitions } from "./rewrite.js";
import {
  readFiles,
  snapshotFiles,
  snapshotPartitions,
  snapshotTable,
  type TableSnapshot,
} from "./snapshot.js";
import { type Staged, stageRows } from "./staging.js";
import type { LakeStore } from "./store.js";
import { readTable } from "./table-reader.js";

export interface QuarantineReplayOptions {
  reason: string;
  /** Ingest-time range of the quarantine partitions to look at (epoch ms, `to` exclusive); all when omitted. */
  from?: number;
  to?: number;
  /** Recomputes gold for silver hours (gold-writer's `restateGold`). */
  restateGold: (hours: HourKey[]) => Promise<unknown>;
  /** A variant of the contract's field table to judge with (default: the contract's). */
  fields?: readonly FieldSpec[];
  graceMs: number;
  targetFileBytes: number;
  nowMs?: number;
}

export interface QuarantineReplayReport {
  reason: string;
  /** Quarantined records of the reason that were judged again. */
  examined: number;
  /** Of those, records the contract now accepts: all leave quarantine. */
  passed: number;
  /** Accepted records whose event_id silver did not hold yet: added to silver. */
  moved: number;
  silverPartitions: number;
  quarantinePartitions: number;
  goldHours: HourKey[];
}

let viewCounter = 0;
const view = (name: string) => `ecom_lake_qreplay_${name}_${process.pid}_${viewCounter++}`;

function checkReason(reason: string): ReasonCode {
  if (!(reasonCodes as readonly string[]).includes(reason)) {
    throw new EcomError(errorCodes.usage, `--reason ${reason} is not a quarantine reason`, {
      fix: `use one of ${reasonCodes.join(", ")}`,
    });
  }
  return reason as ReasonCode;
}

/** Quarantine partitions (ingest hours) to look at: all, or those overlapping [from, to). */
function scope(snapshot: TableSnapshot, from?: number, to?: number): HourKey[] {
  const all = snapshotPartitions(snapshot);
  if (all.length === 0 || (from === undefined && to === undefined)) return all;
  const hours = hoursOverlapping(from ?? Math.min(...all.map(hourStartMs)), to ?? Date.now() + 3_600_000);
  const wanted = new Set(hours.map((h) => `${h.date}/${h.hour}`));
  return all.filter((h) => wanted.has(`${h.date}/${h.hour}`));
}

/** The next manifest of `spec` with `partitions` replaced by `frameOf(at)`; null when there are none. */
async function replaceEach(
  session: SparkSession,
  store: LakeStore,
  spec: LayerSpec,
  snapshot: TableSnapshot,
  staged: Staged,
  frameOf: (at: HourKey) => Promise<PartitionReplacement["frame"]>,
  options: QuarantineReplayOptions,
  nowMs: number,
): Promise<TableManifest | null> {
  const items: PartitionReplacement[] = [];
  for (const { at, bytes } of staged.partitions.values()) {
    const key = partitionKey(spec, at);
    items.push({
      at,
      frame: await frameOf(at),
      supersede: snapshot.sinkFiles.get(key) ?? [],
      inputBytes: bytes + (snapshot.manifest.partitions[key]?.bytes ?? 0),
    });
  }
  if (items.length === 0) return null;
  const collected = await collectGarbage(store, snapshot.manifest, nowMs);
  const { manifest } = await replacePartitions(session, store, spec, collected.manifest, items, {
    kind: "quarantine-replay",
    nowMs,
    graceMs: options.graceMs,
    targetFileBytes: options.targetFileBytes,
  });
  return manifest;
}

/**
 * Judges the quarantined records of one reason again (with the current contract, or `fields`) and
 * moves those it now accepts: into silver, their event partitions rewritten as the existing rows
 * plus the accepted records whose event_id silver does not hold yet (first copy by Kafka time), and
 * out of quarantine, their ingest partitions rewritten without them. Silver is saved before
 * quarantine, so a run interrupted in between is completed by the next (whose records are then
 * already in silver); gold is restated for the silver hours. A second run moves nothing. The
 * caller holds the silver and quarantine locks.
 */
export async function replayQuarantine(
  session: SparkSession,
  store: LakeStore,
  tables: { silver: LayerSpec; quarantine: LayerSpec },
  options: QuarantineReplayOptions,
): Promise<QuarantineReplayReport> {
  const reason = checkReason(options.reason);
  const nowMs = options.nowMs ?? Date.now();
  const report: QuarantineReplayReport = {
    reason,
    examined: 0,
    passed: 0,
    moved: 0,
    silverPartitions: 0,
    quarantinePartitions: 0,
    goldHours: [],
  };
  const qSnap = await snapshotTable(store, tables.quarantine);
  const sSnap = await snapshotTable(store, tables.silver);
  const partitions = scope(qSnap, options.from, options.to);
  const quarantined = readFiles(
    session,
    tables.quarantine,
    snapshotFiles(tables.quarantine, qSnap, partitions),
  );
  if (!quarantined) return report;
  const ofReason = view("reason");
  const ofReasonFrame = quarantined.filter(`reason = ${sqlString(reason)}`);
  report.examined = await ofReasonFrame.count();
  if (report.examined === 0) return report;
  await ofReasonFrame.createOrReplaceTempView(ofReason);
  const judged = view("judged");
  await (await judgeQuarantine(session, ofReason, options.fields)).createOrReplaceTempView(judged);

  // accepted records as quarantine rows (to take out of their ingest partitions)
  const passing = await stageRows(
    session,
    store,
    tables.quarantine,
    await session.sql(
      "SELECT stored_reason AS reason, stored_field AS field, raw_payload, key, " +
        `${coordinateColumns.join(", ")}, ingest_ts, ingest_date, ingest_hour AS hour FROM ${judged} WHERE reason IS NULL`,
    ),
    "quarantine-replay-out",
  );
  let silverRows: Staged | undefined;
  try {
    report.passed = [...passing.partitions.values()].reduce((n, p) => n + p.rows, 0);
    if (report.passed === 0) return report;

    // accepted records silver does not hold yet, one copy each
    const valid = view("valid");
    await (await session.sql(`SELECT * FROM ${judged} WHERE reason IS NULL`)).createOrReplaceTempView(valid);
    const silverIds = view("silver_ids");
    const { frame: silver } = await readTable(session, store, tables.silver);
    await (silver
      ? silver.selectExpr("event_id")
      : await session.sql("SELECT CAST(NULL AS STRING) AS event_id WHERE FALSE")
    ).createOrReplaceTempView(silverIds);
    silverRows = await stageRows(
      session,
      store,
      tables.silver,
      await session.sql(
        `SELECT f.* FROM (${firstCopiesSql(valid)}) f LEFT ANTI JOIN ${silverIds} s ON f.event_id = s.event_id`,
      ),
      "quarantine-replay-in",
    );
    report.moved = [...silverRows.partitions.values()].reduce((n, p) => n + p.rows, 0);
    const staged = silverRows;

    const silverNext = await replaceEach(
      session,
      store,
      tables.silver,
      sSnap,
      staged,
      async (at) => {
        const existing = readFiles(session, tables.silver, snapshotFiles(tables.silver, sSnap, [at]));
        return existing ? existing.unionByName(staged.frame(at)) : staged.frame(at);
      },
      options,
      nowMs,
    );
    const quarantineNext = await replaceEach(
      session,
      store,
      tables.quarantine,
      qSnap,
      passing,
      async (at) => {
        const rest = view("rest");
        const out = view("out");
        const existing = readFiles(session, tables.quarantine, snapshotFiles(tables.quarantine, qSnap, [at]));
        if (!existing) return passing.frame(at).filter("FALSE");
        await existing.createOrReplaceTempView(rest);
        await passing.frame(at).createOrReplaceTempView(out);
        return session.sql(
          `SELECT q.* FROM ${rest} q LEFT ANTI JOIN ${out} o ON q.topic <=> o.topic ` +
            "AND q.partition = o.partition AND q.offset = o.offset",
        );
      },
      options,
      nowMs,
    );
    if (silverNext) await saveManifest(store, tables.silver.uri, silverNext);
    if (quarantineNext) await saveManifest(store, tables.quarantine.uri, quarantineNext);
    report.silverPartitions = staged.partitions.size;
    report.quarantinePartitions = passing.partitions.size;
    report.goldHours = [...staged.partitions.values()].map((p) => p.at);
    if (report.goldHours.length) await options.restateGold(report.goldHours);
    return report;
  } finally {
    await passing.remove();
    await silverRows?.remove();
  }
}
