import { inTransaction } from "@ecomstream/runtime";
import type pg from "pg";
import type { TableHealth } from "./health.js";

/** Replaces serving.lake_table and lake_partition rows of the given tables (one transaction). */
export async function writeLakeHealth(pool: pg.Pool, tables: readonly TableHealth[]): Promise<void> {
  await inTransaction(pool, async (client) => {
    for (const t of tables) {
      const hours = t.partitions.map((p) => p.hourMs);
      await client.query(
        `INSERT INTO serving.lake_table (layer, files, bytes, partitions, oldest_partition, newest_partition,
           last_compaction_at, last_compaction, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now())
         ON CONFLICT (layer) DO UPDATE SET files = EXCLUDED.files, bytes = EXCLUDED.bytes,
           partitions = EXCLUDED.partitions, oldest_partition = EXCLUDED.oldest_partition,
           newest_partition = EXCLUDED.newest_partition, last_compaction_at = EXCLUDED.last_compaction_at,
           last_compaction = EXCLUDED.last_compaction, updated_at = now()`,
        [
          t.layer,
          t.files,
          t.bytes,
          t.partitions.length,
          hours.length ? new Date(Math.min(...hours)) : null,
          hours.length ? new Date(Math.max(...hours)) : null,
          t.lastCompaction ? new Date(t.lastCompaction.at) : null,
          t.lastCompaction ? JSON.stringify(t.lastCompaction) : null,
        ],
      );
      await client.query("DELETE FROM serving.lake_partition WHERE layer = $1", [t.layer]);
      if (t.partitions.length) {
        await client.query(
          `INSERT INTO serving.lake_partition (layer, hour, files, bytes, compacted)
           SELECT $1, to_timestamp(h / 1000.0), f, b, c
           FROM unnest($2::bigint[], $3::int[], $4::bigint[], $5::boolean[]) AS u(h, f, b, c)`,
          [
            t.layer,
            t.partitions.map((p) => p.hourMs),
            t.partitions.map((p) => p.files),
            t.partitions.map((p) => p.bytes),
            t.partitions.map((p) => p.compacted),
          ],
        );
      }
    }
  });
}
