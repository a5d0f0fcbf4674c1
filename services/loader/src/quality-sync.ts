import type { LakeStore } from "@ecomstream/lake";
import type { LakeLayout } from "@ecomstream/lake-model";
import { inTransaction } from "@ecomstream/runtime";
import type { SparkSession } from "@ecomstream/spark-connect";
import type pg from "pg";
import { ServingWriteError } from "./errors.js";
import {
  completeUpToMs,
  defaultQualityTuning,
  parseQualityCursor,
  type QualityCursor,
  type QualityTuning,
  qualityCursorName,
  qualityFromMs,
  qualityMinutes,
} from "./quality-plan.js";
import { oldestBronzeMs, scanLayers } from "./quality-source.js";
import { upsertQualityMinutes } from "./quality-store.js";
import { readState, writeState } from "./service-state.js";

export interface QualitySyncOptions {
  nowMs: number;
  /** The lake's store (its tables' manifests). */
  store: LakeStore;
  /** Gold's watermark: a valid event older than its ingest time minus this is late. */
  watermarkMs: number;
  /** Silver's dedup window (ECOM_DEDUP_WINDOW): how far apart copies silver drops may be. */
  dedupWindowMs: number;
  tuning?: QualityTuning;
}

export interface QualitySyncResult {
  /** quality_minute rows written (changed). */
  minutes: number;
  doneUpToMs: number | null;
  /** What the scan saw of silver's progress (null before bronze exists). */
  progress: { bronzeMaxMs: number | null; processedMaxMs: number | null; unprocessed: number } | null;
}

/**
 * quality_minute from the lake, incrementally: each run recomputes the ingest minutes from a
 * recheck before the cursor up to the last complete minute (see completeUpToMs), and upserts them
 * with the new cursor in one transaction. Rows whose counts did not change are left alone.
 */
export async function syncQuality(
  session: SparkSession,
  pool: pg.Pool,
  lake: LakeLayout,
  options: QualitySyncOptions,
): Promise<QualitySyncResult> {
  const tuning = options.tuning ?? defaultQualityTuning;
  const reader = { session, store: options.store, lake };
  const cursor = parseQualityCursor(await readState(pool, qualityCursorName(lake.root)));
  const fromMs = qualityFromMs(cursor, cursor ? null : await oldestBronzeMs(reader), tuning);
  if (fromMs === null) return { minutes: 0, doneUpToMs: null, progress: null };
  const limitMs = Math.min(fromMs + tuning.maxSpanMs, options.nowMs + 3_600_000);
  const scan = await scanLayers(reader, fromMs, limitMs, options.watermarkMs, options.dedupWindowMs);
  const complete = completeUpToMs(
    scan.bronzeMaxMs,
    scan.processedMaxMs,
    options.nowMs,
    tuning,
    scan.unprocessed,
  );
  // an empty span (e.g. a first run's step over a gap in the data) still moves the cursor on
  const toMs = Math.min(complete ?? (scan.bronzeMaxMs === null ? limitMs : fromMs), limitMs);
  const doneUpToMs = Math.max(cursor?.doneUpToMs ?? fromMs, Math.min(toMs, options.nowMs));
  const rows = qualityMinutes(scan, fromMs, toMs);
  const progress = {
    bronzeMaxMs: scan.bronzeMaxMs,
    processedMaxMs: scan.processedMaxMs,
    unprocessed: scan.unprocessed,
  };
  if (rows.length === 0 && doneUpToMs === cursor?.doneUpToMs) return { minutes: 0, doneUpToMs, progress };
  const next: QualityCursor = { version: 1, doneUpToMs };
  try {
    const minutes = await inTransaction(pool, async (client) => {
      const written = await upsertQualityMinutes(client, rows);
      await writeState(client, qualityCursorName(lake.root), next);
      return written;
    });
    return { minutes, doneUpToMs, progress };
  } catch (error) {
    throw new ServingWriteError("quality_minute rows", error);
  }
}
