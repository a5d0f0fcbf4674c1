import type pg from "pg";
import type { DetectorEngine } from "./engine.js";
import { type AlertChange, type DetectorState, emptyState } from "./lifecycle.js";
import { MinuteSeries } from "./series.js";
import {
  latestKpiMinute,
  readDetectorState,
  readKpiPoints,
  readQualityPoints,
  reconcileState,
  storeChanges,
} from "./store.js";
import { minuteMs } from "./types.js";

export interface DetectorPassResult {
  /** Minutes judged by this pass. */
  judged: number;
  /** Alerts opened or resolved (stored; updates are not listed). */
  changes: AlertChange[];
  state: DetectorState;
}

/**
 * One detection pass: reads the saved cursor and open alerts (reconciled with serving.alerts),
 * judges every minute after the cursor that may be judged at `nowMs` in order, and stores the
 * alerts and the new cursor in one transaction. A minute is judged exactly once; a pass that
 * fails stores nothing and the next one repeats it.
 */
export async function detectPass(
  pool: pg.Pool,
  engine: DetectorEngine,
  nowMs: number,
): Promise<DetectorPassResult> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    // one detector at a time per database: a second copy waits rather than judging twice
    await client.query("SELECT pg_advisory_xact_lock(hashtext('ecom.anomaly-detector'))");
    const saved = await readDetectorState(client);
    let state = await reconcileState(client, saved ?? emptyState());
    if (state.cursorMs === null) {
      const latest = await latestKpiMinute(client);
      if (latest === undefined) {
        await client.query("COMMIT");
        return { judged: 0, changes: [], state };
      }
      state = { ...state, cursorMs: latest - engine.settings.initialBackfillMinutes * minuteMs };
    }
    const cursor = state.cursorMs as number;
    const lookback = engine.settings.lookbackMinutes * minuteMs;
    const points = await readKpiPoints(client, cursor - lookback);
    const series = new MinuteSeries(points);
    const quality = new MinuteSeries(
      await readQualityPoints(
        client,
        cursor - lookback,
        nowMs + engine.settings.quarantineSlackMinutes * minuteMs,
      ),
    );
    const changes: AlertChange[] = [];
    let judged = 0;
    for (const point of points) {
      if (point.minuteMs <= cursor) continue;
      if (!engine.judgeable(point, nowMs)) break;
      const result = engine.detect(state, series, quality, point);
      const stored = await storeChanges(client, result.state, result.changes);
      state = stored.state;
      changes.push(...stored.changes);
      judged++;
    }
    if (judged === 0 && saved === undefined) await storeChanges(client, state, []);
    await client.query("COMMIT");
    return { judged, changes, state };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
