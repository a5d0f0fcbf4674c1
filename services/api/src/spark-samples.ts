import { lakeLayout } from "@ecomstream/lake-model";
import type { EcomConfig } from "@ecomstream/runtime";
import { SparkError, SparkSession } from "@ecomstream/spark-connect";
import { unavailable } from "./errors.js";
import { maxSamples, type QuarantineSample, type SampleSource, sampleCacheSeconds } from "./samples.js";

/** The lake has no quarantine yet: a folder that is missing or holds no Delta table. */
const emptyLake =
  /PATH_NOT_FOUND|DELTA_TABLE_NOT_FOUND|DELTA_MISSING_DELTA_TABLE|does not exist|doesn't exist/i;

const columns = [
  "reason",
  "field",
  "raw_payload",
  "key",
  "topic",
  "partition",
  "offset",
  "kafka_timestamp",
  "ingest_ts",
] as const;

const isoOrNull = (value: unknown) => (value instanceof Date ? value.toISOString() : null);
const stringOrNull = (value: unknown) => (typeof value === "string" ? value : null);
const intOrNull = (value: unknown) => (typeof value === "number" && Number.isInteger(value) ? value : null);

/**
 * Recent quarantined records from `quarantine/ecom_events/v1/` through Spark Connect. One session,
 * opened on first use and replaced when it is lost; Spark down is a 503, an empty lake an empty list.
 */
export function sparkSampleSource(
  config: EcomConfig,
  options: { connectTimeoutMs?: number; cacheMs?: number } = {},
) {
  const path = lakeLayout(config.lake.uri).quarantine;
  let session: Promise<SparkSession> | undefined;
  // one Spark query (the newest maxSamples records of each reason) answers every reason and limit
  // for cacheMs: at most one scan per period, however many distinct queries clients send
  const cacheMs = options.cacheMs ?? sampleCacheSeconds * 1000;
  let cached: { at: number; rows: Promise<QuarantineSample[]> } | undefined;

  const connect = () => {
    session ??= SparkSession.connect(config.spark.remote, {
      userId: "ecom-api",
      connectTimeoutMs: options.connectTimeoutMs ?? 3000,
    });
    return session;
  };

  const source: SampleSource = {
    async recent(reason, limit): Promise<QuarantineSample[]> {
      const now = Date.now();
      let entry = cached;
      if (!entry || now - entry.at >= cacheMs) {
        const fresh = { at: now, rows: query() };
        entry = fresh;
        cached = fresh;
        // a failed query is not kept: the next request asks Spark again
        fresh.rows.catch(() => {
          if (cached === fresh) cached = undefined;
        });
      }
      const rows = await entry.rows;
      // newest first across reasons: the union of each reason's newest holds the newest overall
      return (reason === undefined ? rows : rows.filter((row) => row.reason === reason)).slice(0, limit);
    },
    async close() {
      cached = undefined;
      const current = session;
      session = undefined;
      if (current) await current.then((s) => s.close()).catch(() => undefined);
    },
  };

  async function query(): Promise<QuarantineSample[]> {
    const list = columns.map((c) => `\`${c}\``).join(", ");
    const sql =
      `SELECT ${list} FROM (SELECT ${list}, row_number() OVER (PARTITION BY reason ` +
      `ORDER BY ingest_ts DESC NULLS LAST) AS newest FROM delta.\`${path.replace(/`/g, "``")}\`) ` +
      `WHERE newest <= ${maxSamples} ORDER BY ingest_ts DESC NULLS LAST`;
    let rows: Array<Record<string, unknown>>;
    try {
      rows = await (await (await connect()).sql(sql)).collect();
    } catch (error) {
      const text = `${(error as Error).message} ${(error as { errorClass?: string }).errorClass ?? ""}`;
      if (emptyLake.test(text)) return [];
      // a lost connection or session is replaced on the next call; a query error keeps it
      if (!(error instanceof SparkError) || /INVALID_HANDLE/.test(text)) {
        const lost = session;
        session = undefined;
        lost?.then((s) => s.detach()).catch(() => undefined);
      }
      throw unavailable(`cannot read quarantine samples from the lake: ${text.split("\n")[0]}`, error);
    }
    return rows.map((row) => ({
      reason: String(row.reason ?? ""),
      field: stringOrNull(row.field),
      raw_payload: stringOrNull(row.raw_payload),
      key: stringOrNull(row.key),
      topic: stringOrNull(row.topic),
      partition: intOrNull(row.partition),
      offset: intOrNull(row.offset),
      kafka_timestamp: isoOrNull(row.kafka_timestamp),
      ingest_ts: isoOrNull(row.ingest_ts),
    }));
  }
  return source;
}
