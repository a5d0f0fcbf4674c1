import {
  type LakeStore,
  loadManifest,
  normalizeUri,
  parsePartitionKey,
  partitionOf,
  readFileLog,
  supersededFiles,
} from "@ecomstream/lake";
import type { LakeLayout } from "@ecomstream/stage";
import { type HourPartition, hourKey } from "./hours.js";
import type { SilverCursor } from "./restate-state.js";

export interface SilverChanges {
  /** Hours with files committed after the cursor. */
  hours: HourPartition[];
  /** The newest of those files' modification time and the files carrying it; null when none. */
  newest: { modificationTime: number; paths: string[] } | null;
}

/** True when a file the log recorded at `modificationTime` is newer than the cursor. */
export function isAfterCursor(
  cursor: SilverCursor | null,
  path: string,
  modificationTime: number,
  seen: ReadonlySet<string>,
): boolean {
  if (!cursor) return true;
  return (
    modificationTime > cursor.modificationTime ||
    (modificationTime === cursor.modificationTime && !seen.has(path))
  );
}

/**
 * Which (event_date, hour) partitions of silver received committed files after `cursor`, from
 * silver's file sink log (`_spark_metadata`: only committed files count, on file:// and s3a://
 * alike) with each file's modification time as the log recorded it. The log is read as text, so a
 * pass costs milliseconds and no Spark job, however many files the table ever had; files lake
 * operations superseded are left out.
 */
export async function scanSilverChanges(
  lake: LakeLayout,
  store: LakeStore,
  cursor: SilverCursor | null,
): Promise<SilverChanges> {
  const entries = await readFileLog(store, `${lake.silver}/_spark_metadata`);
  if (!entries) return { hours: [], newest: null };
  const superseded = new Set(supersededFiles(await loadManifest(store, lake.silver)).map(normalizeUri));
  const seen = new Set((cursor?.paths ?? []).map(normalizeUri));
  const hours = new Map<string, HourPartition>();
  let newest: SilverChanges["newest"] = null;
  for (const entry of entries) {
    if (superseded.has(entry.path) || !isAfterCursor(cursor, entry.path, entry.modificationTime, seen))
      continue;
    const at = parsePartitionKey(partitionOf(lake.silver, entry.path));
    if (!at) continue;
    hours.set(hourKey(at), at);
    if (!newest || entry.modificationTime > newest.modificationTime)
      newest = { modificationTime: entry.modificationTime, paths: [entry.path] };
    else if (entry.modificationTime === newest.modificationTime) newest.paths.push(entry.path);
  }
  const sorted = [...hours.values()].sort((a, b) => hourKey(a).localeCompare(hourKey(b)));
  return { hours: sorted, newest };
}
