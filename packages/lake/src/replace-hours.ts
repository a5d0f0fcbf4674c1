import type { HourKey, LayerSpec } from "@ecomstream/lake-model";
import { type DataFrame, SparkError } from "@ecomstream/spark-connect";
import { readCommit } from "./delta-commit.js";
import { commitVersions } from "./delta-table.js";
import type { LakeStore } from "./store.js";

/** Spark predicate: `dateColumn`/`hourColumn` is one of `hours`. */
export function hoursIn(hours: readonly HourKey[], dateColumn: string, hourColumn = "hour"): string {
  const byDate = new Map<string, number[]>();
  for (const h of hours) byDate.set(h.date, [...(byDate.get(h.date) ?? []), h.hour]);
  const terms = [...byDate].map(
    ([d, hs]) => `(${dateColumn} = DATE'${d}' AND ${hourColumn} IN (${hs.join(", ")}))`,
  );
  return terms.length ? `(${terms.join(" OR ")})` : "FALSE";
}

/** A Delta commit that lost to a concurrent one (`DELTA_CONCURRENT_*`, `ConcurrentModificationException`). */
export function isConcurrentCommit(error: unknown): boolean {
  if (!(error instanceof SparkError)) return false;
  return (
    (error.errorClass ?? "").startsWith("DELTA_CONCURRENT") ||
    error.exceptionClasses.some((c) => /Concurrent[A-Za-z]*Exception$/.test(c)) ||
    /ConcurrentModificationException|ConcurrentAppendException|ConcurrentDeleteReadException/.test(
      error.message,
    )
  );
}

/** One commit as replay sees it: its read version and the hours whose files it added or removed. */
export interface HourCommit {
  version: number;
  /** The table version the commit's transaction read (Delta's `commitInfo.readVersion`). */
  readVersion: number | null;
  userMetadata: string | undefined;
  filesAdded: number;
  filesRemoved: number;
  /** Rows the commit wrote (`operationMetrics.numOutputRows`; 0 when not recorded). */
  rowsWritten: number;
  /** Hours (`date/hour`) of the data-changing file actions. */
  hours: Set<string>;
}

export const hourLabel = (at: HourKey) => `${at.date}/${at.hour}`;

/** Commits of `spec`'s table after version `after`, oldest first, read from its log as text. */
export async function hourCommitsAfter(
  store: LakeStore,
  spec: LayerSpec,
  after: number,
): Promise<HourCommit[]> {
  const out: HourCommit[] = [];
  for (const version of await commitVersions(store, spec.uri)) {
    if (version <= after) continue;
    const commit = await readCommit(store, spec.uri, version);
    const adds = commit?.adds.filter((f) => f.dataChange) ?? [];
    const removes = commit?.removes.filter((f) => f.dataChange) ?? [];
    out.push({
      version,
      readVersion: commit?.readVersion ?? null,
      userMetadata: commit?.userMetadata,
      filesAdded: adds.length,
      filesRemoved: removes.length,
      rowsWritten: commit?.metrics.numOutputRows ?? 0,
      hours: new Set(
        [...adds, ...removes].map(
          (f) => `${f.partitionValues[spec.dateColumn] ?? ""}/${Number(f.partitionValues.hour ?? -1)}`,
        ),
      ),
    });
  }
  return out;
}

let tagCounter = 0;

/**
 * Replaces the `hours` partitions of `spec`'s table with `rows` in ONE Delta commit
 * (`overwrite` + `replaceWhere`: every row must lie in those hours): a reader sees the old hours
 * or the new ones. Returns the commit, found in the log by the `userMetadata` tag it carries.
 */
export async function replaceHours(
  store: LakeStore,
  spec: LayerSpec,
  rows: DataFrame,
  hours: readonly HourKey[],
  after: number,
): Promise<HourCommit> {
  const tag = `ecom-replay ${process.pid} ${Date.now()} ${tagCounter++}`;
  await rows.write
    .format("delta")
    .mode("overwrite")
    .option("replaceWhere", hoursIn(hours, spec.dateColumn))
    .option("userMetadata", tag)
    .save(spec.uri);
  const commit = (await hourCommitsAfter(store, spec, after)).find((c) => c.userMetadata === tag);
  if (!commit) throw new Error(`replay's commit to ${spec.uri} is not in its log after version ${after}`);
  return commit;
}
