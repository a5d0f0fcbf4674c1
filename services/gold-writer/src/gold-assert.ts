import assert from "node:assert/strict";
import { type KpiMinuteRow, kpiMinuteColumns, kpiRelativeTolerance } from "@ecomstream/contracts";
import type { LakeLayout } from "@ecomstream/lake-model";
import type { Row, SparkSession } from "@ecomstream/spark-connect";

/** Test helpers: read gold back and compare it with the contract's TypeScript reference. */

export async function readGold(session: SparkSession, lake: LakeLayout): Promise<Row[]> {
  await session.read.format("delta").load(lake.gold).createOrReplaceTempView("test_gold");
  return (await session.sql("SELECT * FROM test_gold ORDER BY window_start")).collect();
}

/** Exact counts, revenue and ratios within the contract's relative tolerance, every minute. */
export function assertGoldEquals(rows: readonly Row[], expected: readonly KpiMinuteRow[]): void {
  assert.deepEqual(
    rows.map((r) => (r.window_start as Date).toISOString()),
    expected.map((e) => e.window_start),
  );
  expected.forEach((exp, i) => {
    const row = rows[i]!;
    for (const column of kpiMinuteColumns) {
      const want = exp[column.name as keyof KpiMinuteRow];
      const got = row[column.name];
      const where = `${exp.window_start} ${column.name}`;
      if (column.type === "timestamp") assert.equal((got as Date).toISOString(), want, where);
      else if (want === null || column.type === "bigint") assert.equal(got, want, where);
      else {
        const w = want as number;
        assert.ok(
          Math.abs((got as number) - w) <= kpiRelativeTolerance * Math.abs(w),
          `${where}: ${got} vs ${w}`,
        );
      }
    }
  });
}

/** The rows without updated_at, for comparing two restatements of the same silver. */
export const withoutUpdatedAt = (rows: readonly Row[]) => rows.map(({ updated_at: _, ...rest }) => rest);
