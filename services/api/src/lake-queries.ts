import type { Static } from "@sinclair/typebox";
import type { Pool } from "./db.js";
import type { TimeRange } from "./range.js";
import {
  type LakeCompactionSchema,
  type LakeLayer,
  type LakeLayerSchema,
  type LakePartitionsSchema,
  type LakeSchema,
  lakeLayers,
} from "./schemas/lake.js";

export type Lake = Static<typeof LakeSchema>;
export type LakeLayerHealth = Static<typeof LakeLayerSchema>;
export type LakeCompaction = Static<typeof LakeCompactionSchema>;
export type LakePartitions = Static<typeof LakePartitionsSchema>;

interface TableRow {
  layer: string;
  files: number;
  bytes: number;
  partitions: number;
  oldest_partition: Date | null;
  newest_partition: Date | null;
  last_compaction_at: Date | null;
  last_compaction: Record<string, unknown> | null;
  updated_at: Date;
}

/** Seconds from `at` to `now`, never negative (a partition of a future hour is 0 s old). */
const ageSeconds = (at: Date, now: Date) => Math.max(0, (now.getTime() - at.getTime()) / 1000);
const countOrNull = (value: unknown): number | null =>
  typeof value === "number" && Number.isSafeInteger(value) && value >= 0 ? value : null;

/** The compaction record lake-ops keeps as jsonb; a member it lacks (or garbles) is null. */
function compactionOf(row: TableRow, now: Date): LakeCompaction | null {
  if (!row.last_compaction_at) return null;
  const record = row.last_compaction && typeof row.last_compaction === "object" ? row.last_compaction : {};
  return {
    at: row.last_compaction_at.toISOString(),
    age_seconds: ageSeconds(row.last_compaction_at, now),
    files_before: countOrNull(record.filesBefore),
    files_after: countOrNull(record.filesAfter),
    bytes_before: countOrNull(record.bytesBefore),
    bytes_after: countOrNull(record.bytesAfter),
  };
}

/** A layer lake-ops has not measured yet: zeros, no partitions, no compaction. */
const unmeasured = (layer: LakeLayer): LakeLayerHealth => ({
  layer,
  files: 0,
  bytes: 0,
  partitions: 0,
  oldest_partition: null,
  oldest_partition_age_seconds: null,
  newest_partition: null,
  newest_partition_age_seconds: null,
  last_compaction: null,
  updated_at: null,
});

function fromRow(layer: LakeLayer, row: TableRow, now: Date): LakeLayerHealth {
  return {
    layer,
    files: row.files,
    bytes: row.bytes,
    partitions: row.partitions,
    oldest_partition: row.oldest_partition?.toISOString() ?? null,
    oldest_partition_age_seconds: row.oldest_partition ? ageSeconds(row.oldest_partition, now) : null,
    newest_partition: row.newest_partition?.toISOString() ?? null,
    newest_partition_age_seconds: row.newest_partition ? ageSeconds(row.newest_partition, now) : null,
    last_compaction: compactionOf(row, now),
    updated_at: row.updated_at.toISOString(),
  };
}

/** Every layer's health as lake-ops last wrote it to serving.lake_table, in data-flow order. */
export async function lakeHealth(pool: Pool, now: Date): Promise<Lake> {
  const { rows } = await pool.query<TableRow>(
    `select layer, files, bytes, partitions, oldest_partition, newest_partition, last_compaction_at,
            last_compaction, updated_at
       from serving.lake_table`,
  );
  const byLayer = new Map(rows.map((row) => [row.layer, row]));
  const layers = lakeLayers.map((layer) => {
    const row = byLayer.get(layer);
    return row ? fromRow(layer, row, now) : unmeasured(layer);
  });
  const sum = (pick: (l: LakeLayerHealth) => number) => layers.reduce((n, l) => n + pick(l), 0);
  return {
    checked_at: now.toISOString(),
    layers,
    totals: { files: sum((l) => l.files), bytes: sum((l) => l.bytes), partitions: sum((l) => l.partitions) },
  };
}

/** One layer's hour partitions in [from, to) from serving.lake_partition, oldest first. */
export async function lakePartitions(
  pool: Pool,
  layer: LakeLayer,
  range: Pick<TimeRange, "from" | "to">,
  now: Date,
): Promise<LakePartitions> {
  const [partitions, table] = await Promise.all([
    pool.query<{ hour: Date; files: number; bytes: number; compacted: boolean }>(
      `select hour, files, bytes, compacted from serving.lake_partition
        where layer = $1 and hour >= $2 and hour < $3 order by hour`,
      [layer, range.from, range.to],
    ),
    pool.query<{ updated_at: Date }>("select updated_at from serving.lake_table where layer = $1", [layer]),
  ]);
  return {
    layer,
    from: range.from.toISOString(),
    to: range.to.toISOString(),
    updated_at: table.rows[0]?.updated_at.toISOString() ?? null,
    partitions: partitions.rows.map((p) => ({
      hour: p.hour.toISOString(),
      files: p.files,
      bytes: p.bytes,
      compacted: p.compacted,
      age_seconds: ageSeconds(p.hour, now),
    })),
  };
}
