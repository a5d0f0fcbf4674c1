import { Type } from "@sinclair/typebox";
import { DateTime, Nullable, StringEnum } from "./common.js";

/** The lake's layers in data-flow order (serving.lake_table's layer CHECK, packages/lake's layerNames). */
export const lakeLayers = ["bronze", "silver", "quarantine", "gold"] as const;
export type LakeLayer = (typeof lakeLayers)[number];

const count = (description: string) => Type.Integer({ minimum: 0, description });
const age = (description: string) => Nullable(Type.Number({ minimum: 0, description }));

export const LakeCompactionSchema = Type.Object(
  {
    at: DateTime("when the compaction ran"),
    age_seconds: Type.Number({ minimum: 0, description: "seconds since it ran" }),
    files_before: Nullable(count("files of the compacted partitions before")),
    files_after: Nullable(count("files of the compacted partitions after")),
    bytes_before: Nullable(count("bytes of the compacted partitions before")),
    bytes_after: Nullable(count("bytes of the compacted partitions after")),
  },
  {
    title: "LakeCompaction",
    description: "the last compaction that rewrote partitions of the layer",
    additionalProperties: false,
  },
);

export const LakeLayerSchema = Type.Object(
  {
    layer: StringEnum(lakeLayers, "the lake layer (table)"),
    files: count("data files readers of the layer read"),
    bytes: count("bytes of those files"),
    partitions: count("hour partitions"),
    oldest_partition: Nullable(DateTime("start of the oldest hour partition")),
    oldest_partition_age_seconds: age("seconds since the oldest partition's hour began"),
    newest_partition: Nullable(DateTime("start of the newest hour partition")),
    newest_partition_age_seconds: age("seconds since the newest partition's hour began"),
    last_compaction: Nullable(LakeCompactionSchema),
    updated_at: Nullable(
      DateTime("when lake-ops last measured the layer (null: not yet; the figures are then zero)"),
    ),
  },
  { title: "LakeLayer", additionalProperties: false },
);

export const LakeSchema = Type.Object(
  {
    checked_at: DateTime("when the API answered"),
    layers: Type.Array(LakeLayerSchema, { description: "every layer, in data-flow order" }),
    totals: Type.Object(
      {
        files: count("files over all layers"),
        bytes: count("bytes over all layers"),
        partitions: count("hour partitions over all layers"),
      },
      { additionalProperties: false },
    ),
  },
  { title: "Lake", additionalProperties: false },
);

export const LakePartitionsQuery = Type.Object(
  {
    layer: StringEnum(lakeLayers, "the lake layer"),
    from: Type.Optional(DateTime("start (inclusive), floored to the hour; default: `to` minus 24 hours")),
    to: Type.Optional(DateTime("end (exclusive), ceiled to the hour; default: now")),
  },
  { additionalProperties: false },
);

export const LakePartitionSchema = Type.Object(
  {
    hour: DateTime("start of the hour partition"),
    files: count("data files readers read"),
    bytes: count("bytes of those files"),
    compacted: Type.Boolean({ description: "true when some of its files were written by a compaction" }),
    age_seconds: Type.Number({ minimum: 0, description: "seconds since the partition's hour began" }),
  },
  { title: "LakePartition", additionalProperties: false },
);

export const LakePartitionsSchema = Type.Object(
  {
    layer: StringEnum(lakeLayers),
    from: DateTime("effective start (floored to the hour)"),
    to: DateTime("effective end (ceiled to the hour, exclusive)"),
    updated_at: Nullable(DateTime("when lake-ops last measured the layer (null: not yet)")),
    partitions: Type.Array(LakePartitionSchema, {
      description: "hour partitions in the range, oldest first",
    }),
  },
  { title: "LakePartitions", additionalProperties: false },
);
