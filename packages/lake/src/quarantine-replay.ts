import { type FieldSpec, type ReasonCode, reasonCodes, sqlString } from "@ecomstream/contracts";
import { fromHourPredicate, type HourKey, hourOf, hourStartMs, type LayerSpec } from "@ecomstream/lake-model";
import { EcomError, errorCodes } from "@ecomstream/runtime";
import type { Row, SparkSession } from "@ecomstream/spark-connect";
import { commitVersions, deltaPath } from "./delta-table.js";
import { firstCopiesSql, judgeQuarantine } from "./judge.js";
import { hoursIn, isConcurrentCommit } from "./replace-hours.js";
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
  /** Tries of each commit lost to a concurrent one. */
  attempts?: number;
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

/** Quarantine partitions (ingest hours) overlapping [from, to); every partition when both are omitted. */
function scope(spec: LayerSpec, from?: number, to?: number): string {
  const terms: string[] = [];
  if (from !== undefined) terms.push(fromHourPredicate(spec, hourOf(from)));
  if (to !== undefined) terms.push(`NOT ${fromHourPredicate(spec, hourOf(to + 3_599_999))}`);
  return terms.length ? terms.join(" AND ") : "TRUE";
}

/** Hours of `rows` (a date column and `hour`), oldest first. */
const hoursOf = (rows: Row[], dateColumn: string): HourKey[] =>
  rows
    .map((r) => ({ date: String(r[dateColumn]), hour: Number(r.hour) }))
    .sort((a, b) => hourStartMs(a) - hourStartMs(b));

/** Runs one SQL command (MERGE), again when its commit loses to a concurrent one; its result row. */
async function command(session: SparkSession, sql: string, attempts: number): Promise<Row | undefined> {
  for (let attempt = 1; ; attempt++) {
    try {
      return (await (await session.sql(sql)).collect())[0];
    } catch (error) {
      if (!isConcurrentCommit(error) || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 1000 * attempt));
    }
  }
}

/**
 * Judges the quarantined records of one reason again (with the current contract, or `fields`) and
 * moves those it now accepts, in two Delta commits: first into silver,
 * `MERGE INTO silver USING <first copy per event_id> ON event_id WHEN NOT MATCHED THEN INSERT *`
 * (an event silver already holds is not added again), then out of quarantine, a MERGE that
 * deletes the quarantine rows at their Kafka coordinates. Both read one quarantine snapshot.
 * Idempotent, also after a crash between the two commits: the next run finds the same records
 * still quarantined and accepted, inserts none of them again (their event_ids are in silver),
 * deletes them from quarantine and restates gold for their hours. A second run moves nothing.
 * The caller holds the silver and quarantine locks (one lake operation at a time).
 */
export async function replayQuarantine(
  session: SparkSession,
  store: LakeStore,
  tables: { silver: LayerSpec; quarantine: LayerSpec },
  options: QuarantineReplayOptions,
): Promise<QuarantineReplayReport> {
  const reason = checkReason(options.reason);
  const attempts = options.attempts ?? 8;
  const report: QuarantineReplayReport = {
    reason,
    examined: 0,
    passed: 0,
    moved: 0,
    silverPartitions: 0,
    quarantinePartitions: 0,
    goldHours: [],
  };
  const versions = await commitVersions(store, tables.quarantine.uri);
  const version = versions[versions.length - 1];
  if (version === undefined) return report;
  const filter = `reason = ${sqlString(reason)} AND ${scope(tables.quarantine, options.from, options.to)}`;
  const { frame: quarantined } = await readTable(session, store, tables.quarantine, { version, filter });
  if (!quarantined) return report;
  report.examined = await quarantined.count();
  if (report.examined === 0) return report;
  const ofReason = view("reason");
  await quarantined.createOrReplaceTempView(ofReason);
  const judged = view("judged");
  await (await judgeQuarantine(session, ofReason, options.fields)).createOrReplaceTempView(judged);

  // accepted records: their coordinates (to take out of quarantine) and one copy per event (for silver)
  const accepted = view("accepted");
  await (
    await session.sql(
      `SELECT DISTINCT topic, partition, offset, ingest_date, ingest_hour AS hour FROM ${judged} WHERE reason IS NULL`,
    )
  ).createOrReplaceTempView(accepted);
  report.passed = await (await session.sql(`SELECT * FROM ${judged} WHERE reason IS NULL`)).count();
  if (report.passed === 0) return report;
  const valid = view("valid");
  await (await session.sql(`SELECT * FROM ${judged} WHERE reason IS NULL`)).createOrReplaceTempView(valid);
  const events = view("events");
  await (await session.sql(firstCopiesSql(valid))).createOrReplaceTempView(events);

  const eventHours = hoursOf(
    await (await session.sql(`SELECT DISTINCT event_date, hour FROM ${events}`)).collect(),
    "event_date",
  );
  const ingestHours = hoursOf(
    await (await session.sql(`SELECT DISTINCT ingest_date, hour FROM ${accepted}`)).collect(),
    "ingest_date",
  );

  const inserted = await command(
    session,
    `MERGE INTO ${deltaPath(tables.silver.uri)} t USING ${events} s ON t.event_id = s.event_id ` +
      "WHEN NOT MATCHED THEN INSERT *",
    attempts,
  );
  report.moved = Number(inserted?.num_inserted_rows ?? 0);
  await command(
    session,
    `MERGE INTO ${deltaPath(tables.quarantine.uri)} t USING ${accepted} s ` +
      `ON t.reason = ${sqlString(reason)} AND ${hoursIn(ingestHours, "t.ingest_date", "t.hour")} ` +
      "AND t.topic <=> s.topic AND t.partition = s.partition AND t.offset = s.offset " +
      "WHEN MATCHED THEN DELETE",
    attempts,
  );
  report.silverPartitions = eventHours.length;
  report.quarantinePartitions = ingestHours.length;
  report.goldHours = eventHours;
  await options.restateGold(report.goldHours);
  return report;
}
