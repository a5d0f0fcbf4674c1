import { fromHourPredicate, type HourKey, hourOf, hourStartMs, type LayerSpec } from "@ecomstream/lake-model";
import type { SparkSession } from "@ecomstream/spark-connect";
import { commitsAfter, latestVersion, partitionLabel } from "./delta-commit.js";
import { deltaPath } from "./delta-table.js";
import { snapshotFiles } from "./health.js";
import type { LakeStore } from "./store.js";

const partitionLabelOf = (at: HourKey) => `${at.date}/${String(at.hour).padStart(2, "0")}`;

export interface RetentionOptions {
  /** Partitions whose hour began before the hour holding now - maxAgeMs are dropped. */
  maxAgeMs: number;
  /**
   * VACUUM's retention: files the table no longer references (dropped partitions, files OPTIMIZE
   * merged) are deleted once they were unreferenced this long. Time travel and a stream lagging
   * behind reach no further back.
   */
  graceMs: number;
  nowMs?: number;
  /** Report what would be dropped, change nothing. */
  dryRun?: boolean;
}

export interface TableRetentionReport {
  layer: string;
  /** The first hour kept. */
  retainedFrom: HourKey;
  /** Partitions dropped (`date/HH`), oldest first. */
  partitions: string[];
  /** Data files and bytes of the dropped partitions. */
  files: number;
  bytes: number;
  /** Rows dropped. */
  rows: number;
  /** Files VACUUM deleted from storage (unreferenced for longer than the grace period). */
  deleted: number;
}

const retentionProperty = "delta.deletedFileRetentionDuration";

/**
 * Makes VACUUM keep files the table stopped referencing for `graceMs`: Delta 4 ignores VACUUM's
 * `RETAIN` unless it is 0 hours and keeps them for the table's `deletedFileRetentionDuration` (7
 * days by default), so that property is set, once (a property change is a metadata commit, which
 * a writer committing at the same moment would have to retry).
 */
async function keepUnreferencedFiles(session: SparkSession, table: string, graceMs: number): Promise<void> {
  // retentions under Delta's 7-day default are the operator's choice (ECOM_LAKE_GRACE)
  await session.conf.set("spark.databricks.delta.retentionDurationCheck.enabled", "false");
  if (graceMs <= 0) return;
  const wanted = `interval ${Math.ceil(graceMs / 1000)} seconds`;
  const [row] = await (await session.sql(`SHOW TBLPROPERTIES ${table} ('${retentionProperty}')`)).collect();
  if (row?.value === wanted) return;
  await (
    await session.sql(`ALTER TABLE ${table} SET TBLPROPERTIES ('${retentionProperty}' = '${wanted}')`)
  ).collect();
}

/**
 * Drops a table's partitions older than `maxAgeMs` with one Delta `DELETE` on partition columns
 * (metadata only: readers stop seeing them at that commit), then `VACUUM` with the grace
 * period deletes the files no version younger than it references. Streams reading the table
 * with `skipChangeCommits` skip the DELETE. The caller holds the table's lock.
 */
export async function applyRetention(
  session: SparkSession,
  store: LakeStore,
  spec: LayerSpec,
  options: RetentionOptions,
): Promise<TableRetentionReport> {
  const nowMs = options.nowMs ?? Date.now();
  const retainedFrom = hourOf(nowMs - options.maxAgeMs);
  const report: TableRetentionReport = {
    layer: spec.name,
    retainedFrom,
    partitions: [],
    files: 0,
    bytes: 0,
    rows: 0,
    deleted: 0,
  };
  const before = await latestVersion(store, spec.uri);
  if (before === null) return report;
  const old = `NOT ${fromHourPredicate(spec, retainedFrom)}`;
  const table = deltaPath(spec.uri);
  if (options.dryRun) {
    const files = await snapshotFiles(session, spec, old);
    report.partitions = [...new Set(files.map((f) => partitionLabelOf(f.at)))].sort();
    report.files = files.length;
    report.bytes = files.reduce((n, f) => n + f.size, 0);
    report.rows = files.reduce((n, f) => n + f.rows, 0);
    return report;
  }
  await (await session.sql(`DELETE FROM ${table} WHERE ${old}`)).collect();
  for (const commit of await commitsAfter(store, spec.uri, before, "DELETE")) {
    for (const f of commit.removes) {
      report.partitions.push(partitionLabel(f, spec.dateColumn));
      report.files++;
      report.bytes += f.size;
    }
    report.rows += commit.metrics.numDeletedRows ?? commit.removes.reduce((n, f) => n + f.rows, 0);
  }
  report.partitions = [...new Set(report.partitions)].sort();
  await keepUnreferencedFiles(session, table, options.graceMs);
  const vacuumed = await latestVersion(store, spec.uri);
  await (await session.sql(`VACUUM ${table}${options.graceMs > 0 ? "" : " RETAIN 0 HOURS"}`)).collect();
  for (const commit of await commitsAfter(store, spec.uri, vacuumed, "VACUUM END")) {
    report.deleted += commit.metrics.numDeletedFiles ?? 0;
  }
  return report;
}

/** The few calls of a Postgres pool (pg's) that serving retention makes. */
export interface ServingClient {
  query(
    sql: string,
    params: unknown[],
  ): Promise<{ rows: Array<Record<string, unknown>>; rowCount: number | null }>;
}

export interface ServingRetentionReport {
  kpiMinute: number;
  qualityMinute: number;
}

/**
 * Deletes serving rows of dropped partitions: kpi_minute minutes (event time) before gold's first
 * kept hour, quality_minute minutes (ingest time) before bronze's. With `dryRun`, counts them.
 */
export async function applyServingRetention(
  client: ServingClient,
  cutoffs: { goldFrom: HourKey; bronzeFrom: HourKey },
  dryRun = false,
): Promise<ServingRetentionReport> {
  const run = async (table: string, column: string, at: HourKey) => {
    const before = new Date(hourStartMs(at));
    if (dryRun) {
      const { rows } = await client.query(`SELECT count(*)::bigint AS n FROM ${table} WHERE ${column} < $1`, [
        before,
      ]);
      return Number(rows[0]?.n ?? 0);
    }
    return (await client.query(`DELETE FROM ${table} WHERE ${column} < $1`, [before])).rowCount ?? 0;
  };
  return {
    kpiMinute: await run("serving.kpi_minute", "window_start", cutoffs.goldFrom),
    qualityMinute: await run("serving.quality_minute", "minute", cutoffs.bronzeFrom),
  };
}
