import { commitVersions, deltaLogUri } from "./delta-table.js";
import type { LakeStore } from "./store.js";

/** What the commits after a version changed: the partitions whose rows were added or removed. */
export interface DeltaChanges {
  /** The newest committed version; null when the table has no commit. */
  latest: number | null;
  /** Partition values (column -> value as the log spells it) of files added or removed with data changes. */
  partitions: Array<Record<string, string>>;
  /** Rows the data-changing commits added (the sum of their files' `numRecords` statistics). */
  addedRows: number;
  /**
   * True when the log no longer holds every commit after `after` (cleaned up after a checkpoint)
   * or the table was created anew (its newest version is older than `after`): the caller must treat
   * the whole table as changed.
   */
  gap: boolean;
}

interface FileAction {
  partitionValues?: Record<string, string | null>;
  dataChange?: boolean;
  /** JSON text of the file's statistics (`numRecords`, min/max values), on add actions. */
  stats?: string;
}

function recordsOf(stats: string | undefined): number {
  if (!stats) return 0;
  try {
    const n = (JSON.parse(stats) as { numRecords?: unknown }).numRecords;
    return typeof n === "number" && Number.isFinite(n) ? n : 0;
  } catch {
    return 0;
  }
}

/**
 * The partitions the commits after version `after` (all commits when null) changed, read from the
 * table's log as text: a pass costs a few small reads and no Spark job. OPTIMIZE's rewrites
 * (`dataChange: false`) change no data and are left out.
 */
export async function deltaChangesAfter(
  store: LakeStore,
  uri: string,
  after: number | null,
): Promise<DeltaChanges> {
  const versions = await commitVersions(store, uri);
  const latest = versions.length ? versions[versions.length - 1]! : null;
  const wanted = versions.filter((v) => after === null || v > after);
  const gap =
    after !== null && latest !== null && (latest < after || (latest > after && wanted[0] !== after + 1));
  if (gap) return { latest, partitions: [], addedRows: 0, gap };
  const seen = new Map<string, Record<string, string>>();
  let addedRows = 0;
  for (const version of wanted) {
    const text = await store.readText(`${deltaLogUri(uri)}/${String(version).padStart(20, "0")}.json`);
    if (text === undefined) return { latest, partitions: [], addedRows: 0, gap: true };
    for (const line of text.split("\n")) {
      if (!line.trim()) continue;
      const action = JSON.parse(line) as { add?: FileAction; remove?: FileAction };
      const file = action.add ?? action.remove;
      if (!file || file.dataChange === false) continue;
      if (action.add) addedRows += recordsOf(action.add.stats);
      if (!file.partitionValues) continue;
      const values = Object.fromEntries(
        Object.entries(file.partitionValues).map(([k, v]) => [k, v ?? ""]),
      ) as Record<string, string>;
      seen.set(JSON.stringify(values), values);
    }
  }
  return { latest, partitions: [...seen.values()], addedRows, gap };
}
