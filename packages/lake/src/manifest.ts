import { type LakeStore, normalizeUri } from "./store.js";

/** What last rewrote a partition. */
export type RewriteKind = "compact" | "replay" | "quarantine-replay" | "retention";

/**
 * One partition the lake's operations have rewritten. Its rows are the `files` written by the
 * operation plus any file the streaming sink committed to it that is not `superseded` (a late
 * file that arrived after the rewrite is read as it is).
 */
export interface PartitionRewrite {
  /** The folders operations wrote for this partition (data files, plus Spark's marker and checksum files). */
  folders: string[];
  /** Files written by the operation (under the table's `_rewritten/` folder). */
  files: string[];
  /** Sink files whose rows `files` now hold (or that retention dropped): never read again. */
  superseded: string[];
  rows: number;
  bytes: number;
  kind: RewriteKind;
  at: string;
}

/** A file no reader reads any more, deleted once `after` (epoch ms) has passed. */
export interface Garbage {
  uri: string;
  after: number;
}

/**
 * The state of one table's operations (`<table>/_ops/manifest.json`), replaced atomically on each
 * change. Readers take the newest version when they plan a read; files it stops naming stay on
 * disk for a grace period so that reads planned on the previous version still find them.
 */
export interface TableManifest {
  version: number;
  partitions: Record<string, PartitionRewrite>;
  /** Partitions before this one (by name order of `date/hour`) were dropped by retention. */
  retainedFrom: { date: string; hour: number } | null;
  garbage: Garbage[];
  lastCompaction: {
    at: string;
    filesBefore: number;
    filesAfter: number;
    bytesBefore: number;
    bytesAfter: number;
  } | null;
}

export function emptyManifest(): TableManifest {
  return { version: 0, partitions: {}, retainedFrom: null, garbage: [], lastCompaction: null };
}

export const manifestUri = (tableUri: string) => `${tableUri}/_ops/manifest.json`;
export const rewrittenRoot = (tableUri: string) => `${tableUri}/_rewritten`;

export async function loadManifest(store: LakeStore, tableUri: string): Promise<TableManifest> {
  const text = await store.readText(manifestUri(tableUri));
  if (text === undefined) return emptyManifest();
  const raw = JSON.parse(text) as Partial<TableManifest>;
  const partitions: Record<string, PartitionRewrite> = {};
  for (const [key, p] of Object.entries(raw.partitions ?? {})) {
    // an earlier layout named one `folder`
    const legacy = (p as PartitionRewrite & { folder?: string | null }).folder;
    partitions[key] = { ...p, folders: p.folders ?? (legacy ? [legacy] : []) };
  }
  return { ...emptyManifest(), ...raw, partitions };
}

/** Saves `next` as the version after `previous`. Operations on a table hold its lock (see lock.ts). */
export async function saveManifest(store: LakeStore, tableUri: string, next: TableManifest): Promise<void> {
  await store.writeText(manifestUri(tableUri), `${JSON.stringify(next)}\n`);
}

/**
 * The manifest without superseded files the sink's log no longer names (`live`: the log's entries,
 * normalised). The sink forgot them (its `retention`), so no reader can meet them again; keeping
 * them would grow the manifest with the table's whole history. Pass only a complete read of the log.
 */
export function forgetSuperseded(manifest: TableManifest, live: ReadonlySet<string>): TableManifest {
  const partitions: Record<string, PartitionRewrite> = {};
  for (const [key, p] of Object.entries(manifest.partitions))
    partitions[key] = { ...p, superseded: p.superseded.filter((uri) => live.has(normalizeUri(uri))) };
  return { ...manifest, partitions };
}

/** Every sink file the manifest takes out of reads. */
export function supersededFiles(manifest: TableManifest): string[] {
  return Object.values(manifest.partitions).flatMap((p) => p.superseded);
}

/** Files the operations wrote that readers read. */
export function rewrittenFiles(manifest: TableManifest): string[] {
  return Object.values(manifest.partitions).flatMap((p) => p.files);
}
