import { readCommit } from "./delta-commit.js";
import { commitVersions } from "./delta-table.js";
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
    const commit = await readCommit(store, uri, version);
    if (commit === undefined) return { latest, partitions: [], addedRows: 0, gap: true };
    const adds = commit.adds.filter((f) => f.dataChange);
    addedRows += adds.reduce((n, f) => n + f.rows, 0);
    for (const file of [...adds, ...commit.removes.filter((f) => f.dataChange)]) {
      const values = Object.fromEntries(
        Object.entries(file.partitionValues).map(([k, v]) => [k, v ?? ""]),
      ) as Record<string, string>;
      if (Object.keys(values).length) seen.set(JSON.stringify(values), values);
    }
  }
  return { latest, partitions: [...seen.values()], addedRows, gap };
}
