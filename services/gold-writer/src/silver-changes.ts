import { deltaChangesAfter, type LakeStore } from "@ecomstream/lake";
import type { LakeLayout } from "@ecomstream/lake-model";
import { type HourKey, uniqueHours } from "@ecomstream/lake-model";

export interface SilverChanges {
  /** Hours of silver the commits after the cursor changed; "all" when the log cannot tell (see gap). */
  hours: HourKey[] | "all";
  /** Silver's newest commit version; null while silver has no commit. */
  latest: number | null;
}

/** An (event_date, hour) partition as the Delta log spells its values; undefined for anything else. */
export function hourOfPartitionValues(values: Record<string, string>): HourKey | undefined {
  const date = values.event_date ?? "";
  const hour = Number(values.hour);
  return /^\d{4}-\d{2}-\d{2}$/.test(date) && Number.isInteger(hour) && hour >= 0 && hour < 24
    ? { date, hour }
    : undefined;
}

/**
 * Which (event_date, hour) partitions of silver the commits after version `after` changed, read
 * from silver's Delta log as text: a pass costs a few small reads and no Spark job. Compactions
 * (no data change) are left out. When the log no longer holds every commit since the cursor, or
 * silver was created anew, every hour is restated.
 */
export async function scanSilverChanges(
  lake: LakeLayout,
  store: LakeStore,
  after: number | null,
): Promise<SilverChanges> {
  const changes = await deltaChangesAfter(store, lake.silver, after);
  if (changes.gap) return { hours: "all", latest: changes.latest };
  const hours = changes.partitions.map(hourOfPartitionValues).filter((h) => h !== undefined);
  return { hours: uniqueHours(hours), latest: changes.latest };
}
