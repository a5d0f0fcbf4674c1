import type { ReasonCode } from "@ecomstream/contracts";

/** One quarantined record as the lake keeps it. */
export interface QuarantineSample {
  reason: string;
  field: string | null;
  raw_payload: string | null;
  key: string | null;
  topic: string | null;
  partition: number | null;
  offset: number | null;
  kafka_timestamp: string | null;
  ingest_ts: string | null;
}

/** How long samples are served from memory (one Spark query for every reason) before Spark is asked again. */
export const sampleCacheSeconds = 10;

/** The most samples one request may ask for (and how many of each reason one Spark query keeps). */
export const maxSamples = 100;

/** Where /v1/quality/samples reads from (the lake through Spark; tests may pass their own). */
export interface SampleSource {
  recent(reason: ReasonCode | undefined, limit: number): Promise<QuarantineSample[]>;
  close(): Promise<void>;
}
