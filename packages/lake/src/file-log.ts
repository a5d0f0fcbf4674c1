import { EcomError, errorCodes } from "@ecomstream/runtime";
import type { LakeStore } from "./store.js";
import { normalizeUri } from "./store.js";

/** One entry of a Spark file log: a file sink's `_spark_metadata` or a file source's `sources/N`. */
export interface FileLogEntry {
  path: string;
  size: number;
  modificationTime: number;
  /** The batch that took the file (a file source's log names it; a sink's log does not). */
  batchId?: number;
}

const batchName = /\/(\d+)(\.compact)?$/;

/**
 * The live entries of a Spark file log folder: the newest `N.compact` file holds every entry up to
 * batch N, later batch files add to it, and `delete` actions remove. Spark removes batch files a
 * compaction has absorbed, so a listing can name a file that is gone by the time it is read: the
 * read then starts over from a fresh listing (a partial log is never returned: readers would read
 * superseded files). Undefined when the log does not exist.
 */
export async function readFileLog(store: LakeStore, logDir: string): Promise<FileLogEntry[] | undefined> {
  return (await readFileLogAt(store, logDir))?.entries;
}

/** `readFileLog` and the newest batch whose entries it holds. */
export async function readFileLogAt(
  store: LakeStore,
  logDir: string,
): Promise<{ entries: FileLogEntry[]; lastBatch: number } | undefined> {
  for (let attempt = 0; ; attempt++) {
    const listed = (await store.list(logDir))
      .map((f) => ({ uri: f.uri, match: batchName.exec(f.uri) }))
      .filter((f) => f.match)
      .map((f) => ({ uri: f.uri, batch: Number(f.match![1]), compact: Boolean(f.match![2]) }));
    if (listed.length === 0) return undefined;
    const lastCompact = Math.max(-1, ...listed.filter((f) => f.compact).map((f) => f.batch));
    const files = listed.filter((f) => f.batch >= lastCompact).sort((a, b) => a.batch - b.batch);
    const entries = new Map<string, FileLogEntry>();
    let vanished = false;
    for (const file of files) {
      if (file.batch === lastCompact && !file.compact) continue;
      const text = await store.readText(file.uri);
      if (text === undefined) {
        vanished = true;
        break;
      }
      for (const line of text.split("\n").slice(1)) {
        if (!line.trim()) continue;
        const raw = JSON.parse(line) as {
          path: string;
          size?: number;
          modificationTime?: number;
          timestamp?: number;
          action?: string;
          batchId?: number;
        };
        const path = normalizeUri(raw.path);
        if (raw.action === "delete") entries.delete(path);
        else
          entries.set(path, {
            path,
            size: raw.size ?? 0,
            modificationTime: raw.modificationTime ?? raw.timestamp ?? 0,
            ...(raw.batchId === undefined ? {} : { batchId: raw.batchId }),
          });
      }
    }
    if (!vanished)
      return { entries: [...entries.values()], lastBatch: Math.max(...files.map((f) => f.batch)) };
    if (attempt >= 5)
      throw new EcomError(errorCodes.timeout, `${logDir} changed under six reads in a row`, {
        fix: "retry: the file log is read again from a fresh listing",
      });
  }
}

/** A table's partition of a file path: `ingest_date=2026-01-01/hour=3`, or "" when unpartitioned. */
export function partitionOf(tableUri: string, fileUri: string): string {
  const rel = normalizeUri(fileUri).slice(normalizeUri(tableUri).length + 1);
  return rel.split("/").slice(0, -1).join("/");
}
