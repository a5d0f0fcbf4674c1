import { deltaChangesAfter, type LakeStore } from "@ecomstream/lake";
import type { LakeLayout } from "@ecomstream/lake-model";

/**
 * Silver rows added by the commits after `afterVersion` (the sum of their files' `numRecords`,
 * read from silver's Delta log as text, no Spark job): what gold's restatement has not looked at
 * yet. Compactions add no rows; null when the log no longer holds every such commit.
 */
export async function silverRowsCommittedAfter(
  store: LakeStore,
  lake: LakeLayout,
  afterVersion: number,
): Promise<number | null> {
  const changes = await deltaChangesAfter(store, lake.silver, afterVersion);
  return changes.gap ? null : changes.addedRows;
}
