import { kpiMinuteColumns } from "@ecomstream/contracts";
import { type LakeLayout, utcDateHour } from "@ecomstream/lake-model";
import { loadConfig } from "@ecomstream/runtime";
import type { SparkSession } from "@ecomstream/spark-connect";
import { freePort, type TempHome, tempHome } from "@ecomstream/testkit";
import type pg from "pg";

/** Test helpers of the loader (homes and databases are testkit's): gold rows written by Spark, serving snapshots, a stage's home. */

/** The runtime `./ecom test` started (or the shared one its environment names). */
const runtime = loadConfig();
export const sparkRemote = runtime.spark.remote;
export const kafkaBootstrap = runtime.kafka.bootstrap;
export const postgresUrl = runtime.postgres.url;

export interface GoldRowSpec {
  minuteMs: number;
  events: number;
  purchases?: number;
  isFinal: boolean;
  updatedAtMs: number;
  /** Spark SQL expressions replacing columns' values (e.g. a non-finite revenue_usd). */
  sql?: Record<string, string>;
}

/** A gold/provisional row as a plain object (what the gold writer computes), with ratios. */
export function kpiObject(spec: GoldRowSpec): Record<string, number | boolean | null> {
  const purchases = spec.purchases ?? 0;
  const row: Record<string, number | boolean | null> = {};
  for (const c of kpiMinuteColumns) row[c.name] = c.type === "double" ? null : 0;
  Object.assign(row, {
    window_start: spec.minuteMs,
    window_end: spec.minuteMs + 60_000,
    events: spec.events,
    page_views: spec.events - purchases,
    purchases,
    unique_users: Math.max(1, Math.floor(spec.events / 2)),
    unique_sessions: Math.max(1, Math.floor(spec.events / 3)),
    revenue_usd: purchases * 12.5,
    aov_usd: purchases > 0 ? 12.5 : null,
    conversion_rate: purchases / Math.max(1, Math.floor(spec.events / 3)),
    payment_failure_rate: purchases > 0 ? 0 : null,
    is_final: spec.isFinal,
    updated_at: spec.updatedAtMs,
  });
  return row;
}

const sqlValue = (type: string, value: unknown): string =>
  type === "timestamp"
    ? `timestamp_millis(${value})`
    : `CAST(${value === null ? "NULL" : value} AS ${type === "bigint" ? "BIGINT" : "DOUBLE"})`;

/**
 * Writes gold rows the way the gold writer does: one Delta commit replacing the event_date/hour
 * partitions of `specs`, others kept.
 */
export async function writeGold(session: SparkSession, lake: LakeLayout, specs: readonly GoldRowSpec[]) {
  const selects = specs.map((spec) => {
    const row = kpiObject(spec);
    const columns = kpiMinuteColumns.map(
      (c) => `${spec.sql?.[c.name] ?? sqlValue(c.type, row[c.name])} AS ${c.name}`,
    );
    return `SELECT ${columns.join(", ")}, ${spec.isFinal} AS is_final, timestamp_millis(${spec.updatedAtMs}) AS updated_at`;
  });
  const df = await session.sql(selects.join(" UNION ALL "));
  const rows = df.selectExpr("*", ...utcDateHour("window_start", "event_date", "hour"));
  const hours = await rows.selectExpr("CAST(event_date AS STRING) AS d", "hour").dropDuplicates().collect();
  const replaced = hours.map((h) => `(event_date = DATE'${String(h.d)}' AND hour = ${Number(h.hour)})`);
  await rows.write
    .format("delta")
    .mode("overwrite")
    .option("replaceWhere", replaced.join(" OR ") || "FALSE")
    .partitionBy("event_date", "hour")
    .save(lake.gold);
}

/** serving.kpi_minute as text rows (every column, updated_at included), by window_start. */
export async function kpiSnapshot(pool: pg.Pool): Promise<string[]> {
  const result = await pool.query(
    "SELECT to_jsonb(k)::text AS row FROM serving.kpi_minute k ORDER BY window_start",
  );
  return result.rows.map((r: { row: string }) => r.row);
}

/**
 * A home for a loader stage under test: the database, private topics named by `label`, the loader's
 * port and a 1-second trigger; the writers' ports are free ones nobody serves (no writer runs).
 */
export async function loaderStageHome(
  databaseUrl: string,
  label: string,
  loaderPort: number,
): Promise<TempHome> {
  const id = Math.random().toString(36).slice(2, 8);
  return tempHome("loader-", {
    ECOM_DATABASE_URL: databaseUrl,
    ECOM_TOPIC: `loader-${label}-events-${id}`,
    ECOM_KPI_TOPIC: `loader-${label}-kpi-${id}`,
    ECOM_LOADER_PORT: String(loaderPort),
    ECOM_LOADER_TRIGGER: "1 second",
    ECOM_BRONZE_PORT: String(await freePort()),
    ECOM_SILVER_PORT: String(await freePort()),
    ECOM_GOLD_PORT: String(await freePort()),
  });
}
