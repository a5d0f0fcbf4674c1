import { readFileLog } from "./file-log.js";
import type { LakeStore } from "./store.js";

/** A streaming query that reads a table's sink folder as its file source. */
export interface StreamConsumer {
  name: string;
  /** The query's checkpoint folder; its file source log is `sources/0`. */
  checkpoint: string;
}

/**
 * Files every consumer's file source has taken into a batch. A sink file may leave the sink
 * folder only once all of them have read it: a streaming file source never opens a file twice,
 * but one that has not reached a file yet would fail on it. A consumer without a checkpoint has
 * read nothing (undefined: the table must not be rewritten yet).
 */
export async function filesReadByAll(
  store: LakeStore,
  consumers: readonly StreamConsumer[],
): Promise<{ read: Set<string> | null; missing: string[] }> {
  let read = null as Set<string> | null;
  const missing: string[] = [];
  for (const consumer of consumers) {
    const entries = await readFileLog(store, `${consumer.checkpoint}/sources/0`);
    if (!entries) {
      missing.push(consumer.name);
      continue;
    }
    const paths = new Set(entries.map((e) => e.path));
    read = read === null ? paths : new Set([...read].filter((p) => paths.has(p)));
  }
  return { read, missing };
}
