/** Pure parts of the quality_minute sync: cursor, the window of minutes to recompute, merging counts. */

/** The quality cursor's name in serving.service_state, per lake (see goldCursorName). */
export const qualityCursorName = (lakeRoot: string) => `loader.quality@${lakeRoot}`;
const minuteMs = 60_000;
const hourMs = 3_600_000;

export interface QualityCursor {
  version: 1;
  /** Ingest minutes before this instant (epoch ms, a minute boundary) have been written. */
  doneUpToMs: number;
}

export interface QualityTuning {
  /** Minutes before the cursor recomputed each run (stragglers of a slow Kafka partition). */
  recheckMs: number;
  /** Most ingest time one run covers (a first run over a long history advances in steps). */
  maxSpanMs: number;
  /** A quiet pipeline's newest minute is written once it ended this long ago. */
  settleMs: number;
}

export const defaultQualityTuning: QualityTuning = {
  recheckMs: 10 * minuteMs,
  maxSpanMs: 6 * hourMs,
  settleMs: 30_000,
};

export const floorMinute = (ms: number) => Math.floor(ms / minuteMs) * minuteMs;

export function parseQualityCursor(value: unknown): QualityCursor | undefined {
  const v = value as Partial<QualityCursor> | null | undefined;
  return v?.version === 1 && typeof v.doneUpToMs === "number" && Number.isFinite(v.doneUpToMs)
    ? { version: 1, doneUpToMs: v.doneUpToMs }
    : undefined;
}

/** Where a run starts: a recheck before the cursor, or the oldest bronze minute on a first run. */
export function qualityFromMs(
  cursor: QualityCursor | undefined,
  oldestBronzeMs: number | null,
  tuning: QualityTuning = defaultQualityTuning,
): number | null {
  if (cursor) return cursor.doneUpToMs - tuning.recheckMs;
  return oldestBronzeMs === null ? null : floorMinute(oldestBronzeMs);
}

/**
 * The end (exclusive) of the complete minutes: a minute is complete once silver or quarantine
 * (the processed side) holds a record of a later minute; when the processed side has reached
 * bronze's newest minute and that minute ended `settleMs` ago, that minute is complete too (a
 * quiet pipeline; so is a pipeline with no `unprocessed` records, e.g. when bronze's newest records
 * were duplicates silver dropped). Bronze records silver has not processed yet are so never counted
 * as duplicates.
 */
export function completeUpToMs(
  bronzeMaxMs: number | null,
  processedMaxMs: number | null,
  nowMs: number,
  tuning: QualityTuning = defaultQualityTuning,
  unprocessed?: number,
): number | null {
  if (bronzeMaxMs === null) return null;
  const bronzeMinute = floorMinute(bronzeMaxMs);
  const processedMinute = processedMaxMs === null ? null : floorMinute(processedMaxMs);
  const caughtUp = (processedMinute !== null && processedMinute >= bronzeMinute) || unprocessed === 0;
  const quiet = nowMs >= bronzeMinute + minuteMs + tuning.settleMs;
  if (quiet && (caughtUp || processedMinute === null)) return bronzeMinute + minuteMs;
  return processedMinute;
}

/** Spark predicate on (ingest_date, hour) partitions covering [fromMs, toMs). */
export function ingestHoursPredicate(fromMs: number, toMs: number): string {
  if (toMs <= fromMs) return "FALSE";
  const byDate = new Map<string, number[]>();
  for (let h = Math.floor(fromMs / hourMs) * hourMs; h < toMs; h += hourMs) {
    const iso = new Date(h).toISOString();
    const date = iso.slice(0, 10);
    byDate.set(date, [...(byDate.get(date) ?? []), Number(iso.slice(11, 13))]);
  }
  return [...byDate.entries()]
    .map(([date, hours]) => `(ingest_date = DATE'${date}' AND hour IN (${hours.join(", ")}))`)
    .join(" OR ");
}

export interface LayerCounts {
  /** Bronze records per ingest minute (epoch ms). */
  bronze: Map<number, number>;
  /** Quarantined records per ingest minute and reason. */
  quarantine: Map<number, Map<string, number>>;
  /** Silver rows and late silver rows per ingest minute. */
  silver: Map<number, { rows: number; late: number }>;
}

export interface QualityMinute {
  minuteMs: number;
  records: number;
  valid: number;
  quarantined: number;
  quarantinedByReason: Record<string, number>;
  duplicates: number;
  late: number;
}

/**
 * One quality_minute row per ingest minute holding data in [fromMs, toMs):
 * records = bronze; quarantined = quarantine (by reason); duplicates = records − quarantined −
 * silver rows (the valid records silver dropped, in the minute of the copy it dropped);
 * valid = silver rows + duplicates; late = silver rows older than ingest − gold's watermark.
 */
export function qualityMinutes(counts: LayerCounts, fromMs: number, toMs: number): QualityMinute[] {
  const minutes = new Set<number>([
    ...counts.bronze.keys(),
    ...counts.quarantine.keys(),
    ...counts.silver.keys(),
  ]);
  return [...minutes]
    .filter((m) => m >= fromMs && m < toMs)
    .sort((a, b) => a - b)
    .map((minuteMs) => {
      const records = counts.bronze.get(minuteMs) ?? 0;
      const reasons = counts.quarantine.get(minuteMs) ?? new Map<string, number>();
      const quarantined = [...reasons.values()].reduce((a, b) => a + b, 0);
      const silver = counts.silver.get(minuteMs) ?? { rows: 0, late: 0 };
      const duplicates = records - quarantined - silver.rows;
      return {
        minuteMs,
        records,
        valid: silver.rows + duplicates,
        quarantined,
        quarantinedByReason: Object.fromEntries(
          [...reasons.entries()].sort(([a], [b]) => a.localeCompare(b)),
        ),
        duplicates,
        late: silver.late,
      };
    });
}
