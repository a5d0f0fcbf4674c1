import { kpiMinuteColumns, sparkKpiMinuteSql } from "@ecomstream/contracts";
import { judgedBronzeSql, verdictColumns } from "@ecomstream/lake-model";
import type { SparkSession } from "@ecomstream/spark-connect";
import { views } from "./lake-views.js";

export interface TimeRange {
  from?: Date;
  to?: Date;
}

const ts = (d: Date) => `TIMESTAMP '${d.toISOString().replace("T", " ").replace("Z", "")}+00:00'`;

/** `AND`-able SQL conditions on a timestamp column for the range (TRUE when open). */
export function rangeCondition(column: string, range: TimeRange): string {
  const parts = [
    ...(range.from ? [`${column} >= ${ts(range.from)}`] : []),
    ...(range.to ? [`${column} < ${ts(range.to)}`] : []),
  ];
  return parts.length > 0 ? parts.join(" AND ") : "TRUE";
}

async function rows(session: SparkSession, sql: string): Promise<Array<Record<string, unknown>>> {
  return (await session.sql(sql)).collect();
}

const num = (value: unknown): number => (value === null || value === undefined ? 0 : Number(value));
const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

/** True when the view has a top-level column `name` (bronze tables created before verdicts lack it until a stage adds it). */
async function hasColumn(session: SparkSession, view: string, name: string): Promise<boolean> {
  const schema = await (await session.sql(`SELECT * FROM ${view} LIMIT 0`)).schema();
  return schema.fields.some((f) => f.name === name);
}

export interface LakeCounts {
  bronze: number;
  bronzeDistinctCoordinates: number;
  bronzeByPartition: Map<number, { count: number; minOffset: number; maxOffset: number }>;
  valid: number;
  distinctValidIds: number;
  invalidByReason: Map<string, number>;
  silver: number;
  silverDistinctIds: number;
  quarantineByReason: Map<string, number>;
  /** Bronze records carrying the verdict bronze-writer stored, and those whose stored verdict differs from a fresh one. */
  storedVerdicts: number;
  storedVerdictsDiffering: number;
  goldMinutes: number;
  recomputedMinutes: number;
  goldMismatches: number;
}

/**
 * Every count reconcile compares, computed by Spark over the lake. Bronze, silver and quarantine are
 * filtered by ingest (Kafka) time, gold by event time; bronze records are judged again with the
 * contract's own SQL so the expected silver and quarantine numbers come from bronze itself, and
 * that fresh verdict is compared with the one bronze-writer stored.
 */
export async function lakeCounts(
  session: SparkSession,
  topic: string,
  range: TimeRange,
  hasGold: boolean,
): Promise<LakeCounts> {
  const ingest = rangeCondition("kafka_timestamp", range);
  const [bronze] = await rows(
    session,
    `SELECT count(*) AS n, count(DISTINCT partition, offset) AS coords FROM ${views.bronze} WHERE topic = '${topic}' AND ${ingest}`,
  );
  const perPartition = await rows(
    session,
    `SELECT partition, count(*) AS n, min(offset) AS lo, max(offset) AS hi FROM ${views.bronze} WHERE topic = '${topic}' AND ${ingest} GROUP BY partition`,
  );
  const source = `(SELECT * FROM ${views.bronze} WHERE topic = '${topic}' AND ${ingest})`;
  const stored = await hasColumn(session, views.bronze, "verdict");
  // every record judged again from its raw value, and compared with the verdict bronze stored
  const differs = `stored_verdict IS NOT NULL AND NOT (${verdictColumns.map((c) => `stored_verdict.${c} <=> ${c}`).join(" AND ")})`;
  const verdicts = await rows(
    session,
    `SELECT coalesce(reason, '') AS reason, count(*) AS n, count(DISTINCT event_id) AS ids, ` +
      `${stored ? "count_if(stored_verdict IS NOT NULL)" : "0"} AS stored, ${stored ? `count_if(${differs})` : "0"} AS differ ` +
      `FROM (${judgedBronzeSql(source, stored ? { extraColumns: ["verdict AS stored_verdict"] } : {})}) GROUP BY 1`,
  );
  const [silver] = await rows(
    session,
    `SELECT count(*) AS n, count(DISTINCT event_id) AS ids FROM ${views.silver} WHERE ${ingest}`,
  );
  const quarantine = await rows(
    session,
    `SELECT reason, count(*) AS n FROM ${views.quarantine} WHERE ${ingest} GROUP BY reason`,
  );
  const validRow = verdicts.find((r) => r.reason === "");
  const gold = hasGold ? await compareGold(session, range) : await goldMissing(session, range);
  return {
    bronze: num(bronze?.n),
    bronzeDistinctCoordinates: num(bronze?.coords),
    bronzeByPartition: new Map(
      perPartition.map((r) => [
        num(r.partition),
        { count: num(r.n), minOffset: num(r.lo), maxOffset: num(r.hi) },
      ]),
    ),
    valid: num(validRow?.n),
    distinctValidIds: num(validRow?.ids),
    invalidByReason: new Map(
      verdicts.filter((r) => r.reason !== "").map((r) => [String(r.reason), num(r.n)]),
    ),
    silver: num(silver?.n),
    silverDistinctIds: num(silver?.ids),
    quarantineByReason: new Map(quarantine.map((r) => [String(r.reason), num(r.n)])),
    storedVerdicts: sum(verdicts.map((r) => num(r.stored))),
    storedVerdictsDiffering: sum(verdicts.map((r) => num(r.differ))),
    goldMinutes: gold.goldMinutes,
    recomputedMinutes: gold.recomputedMinutes,
    goldMismatches: gold.mismatches,
  };
}

/** No gold yet: every minute silver holds is a missing gold minute. */
async function goldMissing(session: SparkSession, range: TimeRange) {
  const [result] = await rows(
    session,
    `SELECT count(DISTINCT timestamp_seconds(floor(unix_seconds(event_ts) / 60) * 60)) AS n FROM ${views.silver} WHERE ${rangeCondition("event_ts", range)}`,
  );
  const minutes = num(result?.n);
  return { goldMinutes: 0, recomputedMinutes: minutes, mismatches: minutes };
}

/** Gold against a batch recomputation from silver (exact distinct counts), minute by minute. */
async function compareGold(session: SparkSession, range: TimeRange) {
  const eventRange = rangeCondition("event_ts", range);
  const recomputed = sparkKpiMinuteSql(`(SELECT * FROM ${views.silver} WHERE ${eventRange})`, {
    exactDistinct: true,
  });
  const compared = kpiMinuteColumns
    .map((c) => c.name)
    .filter((n) => n !== "window_start" && n !== "window_end");
  const same = (c: string) =>
    `((g.${c} IS NULL AND r.${c} IS NULL) OR abs(CAST(g.${c} AS DOUBLE) - CAST(r.${c} AS DOUBLE)) <= 1e-9 * greatest(abs(CAST(r.${c} AS DOUBLE)), 1D))`;
  const [result] = await rows(
    session,
    `SELECT count(g.window_start) AS gold, count(r.window_start) AS recomputed, ` +
      `count_if(g.window_start IS NULL OR r.window_start IS NULL OR NOT (${compared.map(same).join(" AND ")})) AS mismatches ` +
      `FROM (SELECT * FROM ${views.gold} WHERE ${rangeCondition("window_start", range)}) g ` +
      `FULL OUTER JOIN (${recomputed}) r ON g.window_start = r.window_start`,
  );
  return {
    goldMinutes: num(result?.gold),
    recomputedMinutes: num(result?.recomputed),
    mismatches: num(result?.mismatches),
  };
}
