import type pg from "pg";
import { BreakdownSeries } from "./breakdown.js";
import { breakdownDimensions, type DetectorEngine } from "./engine.js";
import { type AlertChange, type DetectorState, emptyState } from "./lifecycle.js";
import { MinuteSeries, type QualitySeries } from "./series.js";
import {
  latestBreakdownMinute,
  latestKpiMinute,
  readBreakdownPoints,
  readDetectorState,
  readKpiPoints,
  readQualityPoints,
  reconcileState,
  storeChanges,
} from "./store.js";
import { minuteMs } from "./types.js";

export interface DetectorPassResult {
  /** Minutes judged by this pass (kpi_minute's and kpi_dim_minute's). */
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
    const breakdowns = await judgeBreakdowns(client, engine, state, quality, nowMs);
    state = breakdowns.state;
    changes.push(...breakdowns.changes);
    judged += breakdowns.judged;
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

type Client = pg.PoolClient;

/**
 * The breakdown rules' part of a pass, in its transaction: every serving.kpi_dim_minute minute after
 * the breakdown cursor that may be judged at `nowMs`, in order, with its own cursor (breakdown rows
 * arrive from gold apart from kpi_minute's provisional ones). A first start judges the last hour.
 */
async function judgeBreakdowns(
  client: Client,
  engine: DetectorEngine,
  start: DetectorState,
  quality: QualitySeries,
  nowMs: number,
): Promise<{ state: DetectorState; changes: AlertChange[]; judged: number }> {
  const dimensions = breakdownDimensions(engine);
  let state = start;
  if (state.breakdownCursorMs == null) {
    const latest = await latestBreakdownMinute(client, dimensions);
    if (latest === undefined) return { state, changes: [], judged: 0 };
    state = { ...state, breakdownCursorMs: latest - engine.settings.initialBackfillMinutes * minuteMs };
  }
  const cursor = state.breakdownCursorMs as number;
  const series = new BreakdownSeries(
    await readBreakdownPoints(client, dimensions, cursor - engine.settings.lookbackMinutes * minuteMs),
  );
  const changes: AlertChange[] = [];
  let judged = 0;
  for (const minute of series.minutes()) {
    if (minute <= cursor) continue;
    if (!engine.breakdownJudgeable(series, minute, nowMs)) break;
    const result = engine.detectBreakdown(state, series, quality, minute);
    const stored = await storeChanges(client, result.state, result.changes);
    state = stored.state;
    changes.push(...stored.changes);
    judged++;
  }
  return { state, changes, judged };
}
