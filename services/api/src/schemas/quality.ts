import { reasonCodes } from "@ecomstream/contracts";
import { Type } from "@sinclair/typebox";
import { maxSamples } from "../samples.js";
import { DateTime, Nullable, StringEnum, steps } from "./common.js";

const count = (description: string) => Type.Integer({ minimum: 0, description });

export const QuarantineByReasonSchema = Type.Object(
  Object.fromEntries(reasonCodes.map((reason) => [reason, count(`records quarantined for ${reason}`)])),
  { title: "QuarantineByReason", additionalProperties: false },
);

export const QualityBucketSchema = Type.Object(
  {
    window_start: DateTime("start of the bucket (ingest time, inclusive)"),
    window_end: DateTime("end of the bucket (exclusive)"),
    records: count("records read from the topic (bronze)"),
    valid: count("records that passed validation"),
    quarantined: count("records quarantined"),
    quarantined_by_reason: QuarantineByReasonSchema,
    duplicates: count("valid records dropped as duplicates of an event_id"),
    late: count("valid records that arrived after gold's streaming watermark"),
    quarantine_rate: Nullable(Type.Number({ description: "quarantined / records (null when 0)" })),
    minutes: Type.Integer({ minimum: 1, description: "minutes of the bucket present" }),
  },
  { title: "QualityBucket", additionalProperties: false },
);

export const QualitySeriesSchema = Type.Object(
  {
    from: DateTime("effective start (floored to the step)"),
    to: DateTime("effective end (ceiled to the step, exclusive)"),
    step: Type.String({ enum: [...steps] }),
    buckets: Type.Array(QualityBucketSchema, { description: "buckets with data, oldest first" }),
  },
  { title: "QualitySeries", additionalProperties: false },
);

export const SampleQuery = Type.Object(
  {
    reason: Type.Optional(StringEnum(reasonCodes, "only samples quarantined for this reason")),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: maxSamples, default: 20 })),
  },
  { additionalProperties: false },
);

export const QuarantineSampleSchema = Type.Object(
  {
    reason: Type.String(),
    field: Nullable(Type.String({ description: "the offending field, where there is one" })),
    raw_payload: Nullable(Type.String({ description: "the record's value as it came" })),
    key: Nullable(Type.String()),
    topic: Nullable(Type.String()),
    partition: Nullable(Type.Integer()),
    offset: Nullable(Type.Integer()),
    kafka_timestamp: Nullable(DateTime("the Kafka record's timestamp")),
    ingest_ts: Nullable(DateTime("when bronze read it")),
  },
  { title: "QuarantineSample", additionalProperties: false },
);

export const SampleListSchema = Type.Object(
  { items: Type.Array(QuarantineSampleSchema, { description: "newest ingest_ts first" }) },
  { title: "QuarantineSamples", additionalProperties: false },
);
