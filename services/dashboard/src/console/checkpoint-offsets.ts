import type { LakeStore } from "@ecomstream/lake";

/** Where a Spark query that reads Kafka stands, from its checkpoint. */
export interface CheckpointPosition {
  query: string;
  folder: string;
  /** The newest committed batch (its offsets are what the query has fully processed). */
  batch: number;
  /** topic -> partition -> next offset to read */
  offsets: Map<string, Map<number, number>>;
}

const isPartitionMap = (value: unknown): value is Record<string, number> =>
  typeof value === "object" &&
  value !== null &&
  !Array.isArray(value) &&
  Object.entries(value).every(([k, v]) => /^\d+$/.test(k) && typeof v === "number");

/**
 * The Kafka positions in one `offsets/N` file of Spark's checkpoint: a version line, the batch
 * metadata, then one line per source; a Kafka source's line is `{"topic":{"partition":offset}}`.
 * Lines of other sources (files, rate) are skipped.
 */
export function parseOffsetLog(text: string): Map<string, Map<number, number>> {
  const lines = text.split("\n").filter((line) => line.trim() !== "");
  if (!/^v\d+$/.test(lines[0] ?? ""))
    throw new Error(`not a Spark offset log (first line '${lines[0] ?? ""}')`);
  const offsets = new Map<string, Map<number, number>>();
  for (const line of lines.slice(2)) {
    let source: unknown;
    try {
      source = JSON.parse(line);
    } catch {
      continue;
    }
    if (typeof source !== "object" || source === null) continue;
    for (const [topic, partitions] of Object.entries(source)) {
      if (!isPartitionMap(partitions)) continue;
      offsets.set(topic, new Map(Object.entries(partitions).map(([p, o]) => [Number(p), o])));
    }
  }
  return offsets;
}

async function batches(store: LakeStore, folder: string): Promise<number[]> {
  return (await store.children(folder))
    .filter((name) => /^\d+$/.test(name))
    .map(Number)
    .sort((a, b) => b - a);
}

/**
 * Every query under a checkpoint root (file:// or s3a://, read through the lake's store) whose
 * newest committed batch read Kafka. A query that has committed no batch yet, or reads no Kafka
 * topic, is left out.
 */
export async function kafkaCheckpoints(
  store: LakeStore,
  checkpointUri: string,
): Promise<CheckpointPosition[]> {
  const root = checkpointUri.replace(/\/+$/, "");
  const found: CheckpointPosition[] = [];
  for (const query of (await store.children(root)).sort()) {
    const folder = `${root}/${query}`;
    const committed = new Set(await batches(store, `${folder}/commits`));
    const batch = (await batches(store, `${folder}/offsets`)).find((n) => committed.has(n));
    if (batch === undefined) continue;
    const text = await store.readText(`${folder}/offsets/${batch}`);
    if (text === undefined) continue;
    const offsets = parseOffsetLog(text);
    if (offsets.size > 0) found.push({ query, folder, batch, offsets });
  }
  return found;
}
