import { type ReasonCode, sqlString } from "@ecomstream/contracts";
import type { EcomConfig } from "@ecomstream/runtime";
import { SparkError, SparkSession } from "@ecomstream/spark-connect";
import { lakeLayout } from "@ecomstream/stage";
import { unavailable } from "./errors.js";
import { maxSamples, type QuarantineSample, type SampleSource, sampleCacheSeconds } from "./samples.js";

/** The lake has no quarantine yet: a folder that is missing or holds no parquet file. */
const emptyLake = /PATH_NOT_FOUND|UNABLE_TO_INFER_SCHEMA|does not exist/i;

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
  // one Spark query per reason (the newest maxSamples records) answers every limit for cacheMs:
  // at most one scan per reason and period, however many distinct queries clients send
  const cacheMs = options.cacheMs ?? sampleCacheSeconds * 1000;
  const cache = new Map<string, { at: number; rows: Promise<QuarantineSample[]> }>();

  const connect = () => {
    session ??= SparkSession.connect(config.spark.remote, {
      userId: "ecom-api",
      connectTimeoutMs: options.connectTimeoutMs ?? 3000,
    });
    return session;
  };

  const source: SampleSource = {
    async recent(reason, limit): Promise<QuarantineSample[]> {
      const key = reason ?? "";
      const now = Date.now();
      let entry = cache.get(key);
      if (!entry || now - entry.at >= cacheMs) {
        for (const [k, old] of cache) if (now - old.at >= cacheMs) cache.delete(k);
        const rows = query(reason, maxSamples);
        const fresh = { at: now, rows };
        entry = fresh;
        cache.set(key, fresh);
        // a failed query is not kept: the next request asks Spark again
        rows.catch(() => {
          if (cache.get(key) === fresh) cache.delete(key);
        });
      }
      return (await entry.rows).slice(0, limit);
    },
    async close() {
      cache.clear();
      const current = session;
      session = undefined;
      if (current) await current.then((s) => s.close()).catch(() => undefined);
    },
  };

  async function query(reason: ReasonCode | undefined, limit: number): Promise<QuarantineSample[]> {
    const where = reason === undefined ? "" : `WHERE reason = ${sqlString(reason)}`;
    const sql =
      `SELECT ${columns.map((c) => `\`${c}\``).join(", ")} FROM parquet.\`${path.replace(/`/g, "``")}\` ` +
      `${where} ORDER BY ingest_ts DESC NULLS LAST LIMIT ${Math.trunc(limit)}`;
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
