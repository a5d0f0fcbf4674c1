import { partitionOf, readFileLog } from "./file-log.js";
import { hourStartMs, type LayerSpec, parsePartitionKey } from "./layers.js";
import { loadManifest, type TableManifest } from "./manifest.js";
import type { LakeStore } from "./store.js";

export interface PartitionHealth {
  /** Start of the hour partition (epoch ms). */
  hourMs: number;
  files: number;
  bytes: number;
  /** Read from files a lake operation wrote. */
  compacted: boolean;
}

export interface TableHealth {
  layer: string;
  files: number;
  bytes: number;
  partitions: PartitionHealth[];
  lastCompaction: TableManifest["lastCompaction"];
}

/**
 * The data files readers of a table read (what `readTable` names), per hour partition: the sink's
 * committed files less superseded ones plus rewritten ones; for gold, the files in its folders.
 */
export async function tableHealth(store: LakeStore, spec: LayerSpec): Promise<TableHealth> {
  const manifest = await loadManifest(store, spec.uri);
  const byHour = new Map<number, PartitionHealth>();
  const add = (key: string, files: number, bytes: number, compacted: boolean) => {
    const at = parsePartitionKey(key);
    if (!at) return;
    const hourMs = hourStartMs(at);
    if (manifest.retainedFrom && hourMs < hourStartMs(manifest.retainedFrom)) return;
    const p = byHour.get(hourMs) ?? { hourMs, files: 0, bytes: 0, compacted: false };
    p.files += files;
    p.bytes += bytes;
    p.compacted ||= compacted;
    byHour.set(hourMs, p);
  };
  if (spec.sink) {
    const superseded = new Set(Object.values(manifest.partitions).flatMap((p) => p.superseded));
    for (const entry of (await readFileLog(store, `${spec.uri}/_spark_metadata`)) ?? []) {
      if (!superseded.has(entry.path)) add(partitionOf(spec.uri, entry.path), 1, entry.size, false);
    }
  } else {
    for (const file of await store.list(spec.uri)) {
      const key = partitionOf(spec.uri, file.uri);
      if (file.uri.endsWith(".parquet") && !key.startsWith("_")) add(key, 1, file.size, false);
    }
  }
  for (const [key, rewrite] of Object.entries(manifest.partitions)) {
    if (rewrite.files.length) add(key, rewrite.files.length, rewrite.bytes, true);
  }
  const partitions = [...byHour.values()].sort((a, b) => a.hourMs - b.hourMs);
  return {
    layer: spec.name,
    files: partitions.reduce((n, p) => n + p.files, 0),
    bytes: partitions.reduce((n, p) => n + p.bytes, 0),
    partitions,
    lastCompaction: manifest.lastCompaction,
  };
}
