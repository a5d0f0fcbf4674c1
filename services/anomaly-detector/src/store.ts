import { breakdownAdditiveMeasures } from "@ecomstream/contracts";
import type pg from "pg";
import { type BreakdownPoint, dimValues } from "./breakdown.js";
import type { AlertChange, DetectorState, OpenAlert } from "./lifecycle.js";
import type { KpiPoint, QualityPoint } from "./types.js";

type Queryable = Pick<pg.PoolClient, "query">;

/** The detector's row in serving.service_state: its cursor and the open alerts' running state. */
export const stateName = "anomaly-detector";

const kpiColumns = [
  "events",
  "page_views",
  "product_views",
  "add_to_carts",
  "remove_from_carts",
  "checkouts",
  "purchases",
  "payment_failures",
  "unique_users",
  "unique_sessions",
  "revenue_usd",
  "aov_usd",
  "conversion_rate",
  "payment_failure_rate",
] as const;

/** A column's value; one that is not a finite number (Postgres float8 holds Infinity and NaN) is not judged. */
const num = (v: unknown): number | null => {
  if (v === null || v === undefined) return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
};

/** serving.kpi_minute rows with window_start >= fromMs, oldest first. */
export async function readKpiPoints(db: Queryable, fromMs: number): Promise<KpiPoint[]> {
  const { rows } = await db.query<Record<string, unknown>>(
    `SELECT window_start, is_final, ${kpiColumns.join(", ")} FROM serving.kpi_minute
      WHERE window_start >= $1 ORDER BY window_start`,
    [new Date(fromMs)],
  );
  return rows.map((row) => {
    const values = Object.fromEntries(kpiColumns.map((c) => [c, num(row[c])])) as KpiPoint["values"];
    return { minuteMs: (row.window_start as Date).getTime(), isFinal: row.is_final === true, values };
  });
}

/** kpi_dim_minute's measures, as the contract lists them (window and dimension columns aside). */
const dimColumns = [...breakdownAdditiveMeasures, "unique_sessions"] as const;

/** serving.kpi_dim_minute rows of `dimensions` with window_start >= fromMs, oldest first. */
export async function readBreakdownPoints(
  db: Queryable,
  dimensions: readonly string[],
  fromMs: number,
): Promise<BreakdownPoint[]> {
  if (dimensions.length === 0) return [];
  const { rows } = await db.query<Record<string, unknown>>(
    `SELECT window_start, dimension, dimension_value, is_final, ${dimColumns.join(", ")} FROM serving.kpi_dim_minute
      WHERE dimension = ANY($1::text[]) AND window_start >= $2 ORDER BY window_start, dimension, dimension_value`,
    [dimensions, new Date(fromMs)],
  );
  return rows.map((row) => {
    const measure = (c: (typeof dimColumns)[number]) => num(row[c]);
    return {
      minuteMs: (row.window_start as Date).getTime(),
      isFinal: row.is_final === true,
      dimension: row.dimension as string,
      dimensionValue: row.dimension_value as string,
      values: dimValues({
        events: measure("events") ?? 0,
        product_views: measure("product_views") ?? 0,
        add_to_carts: measure("add_to_carts") ?? 0,
        checkouts: measure("checkouts"),
        purchases: measure("purchases"),
        payment_failures: measure("payment_failures"),
        revenue_usd: measure("revenue_usd"),
        unique_sessions: measure("unique_sessions") ?? 0,
      }),
    };
  });
}

/** The newest window_start in serving.kpi_dim_minute among `dimensions` (undefined when none). */
export async function latestBreakdownMinute(
  db: Queryable,
  dimensions: readonly string[],
): Promise<number | undefined> {
  if (dimensions.length === 0) return undefined;
  const { rows } = await db.query<{ latest: Date | null }>(
    "SELECT max(window_start) AS latest FROM serving.kpi_dim_minute WHERE dimension = ANY($1::text[])",
    [dimensions],
  );
  return rows[0]?.latest?.getTime();
}

/** serving.quality_minute rows in [fromMs, toMs]. */
export async function readQualityPoints(
  db: Queryable,
  fromMs: number,
  toMs: number,
): Promise<QualityPoint[]> {
  const { rows } = await db.query<{ minute: Date; records: string; quarantined: string }>(
    "SELECT minute, records, quarantined FROM serving.quality_minute WHERE minute >= $1 AND minute <= $2",
    [new Date(fromMs), new Date(toMs)],
  );
  return rows.map((r) => ({
    minuteMs: r.minute.getTime(),
    records: Number(r.records),
    quarantined: Number(r.quarantined),
  }));
}

/** The newest window_start in serving.kpi_minute (undefined when empty). */
export async function latestKpiMinute(db: Queryable): Promise<number | undefined> {
  const { rows } = await db.query<{ latest: Date | null }>(
    "SELECT max(window_start) AS latest FROM serving.kpi_minute",
  );
  return rows[0]?.latest?.getTime();
}

export async function readDetectorState(db: Queryable): Promise<DetectorState | undefined> {
  const { rows } = await db.query<{ value: DetectorState }>(
    "SELECT value FROM serving.service_state WHERE name = $1",
    [stateName],
  );
  return rows[0]?.value;
}

async function writeDetectorState(db: Queryable, state: DetectorState): Promise<void> {
  await db.query(
    "INSERT INTO serving.service_state (name, value, updated_at) VALUES ($1, $2::jsonb, now()) " +
      "ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value, updated_at = now()",
    [stateName, JSON.stringify(state)],
  );
}

interface AlertRow {
  id: string;
  metric: string;
  window_start: Date;
  last_seen_at: Date;
  status: "open" | "acknowledged" | "resolved";
  observed: number | null;
  expected: number | null;
  score: number | null;
  severity: OpenAlert["severity"];
  method: string;
  kind: OpenAlert["kind"];
  message: string;
}

/**
 * The saved state brought in line with serving.alerts, which people change through the API:
 * acknowledged alerts stay acknowledged, alerts a person resolved while still anomalous are
 * silenced (they close quietly), and unresolved rows the state does not know are adopted.
 */
export async function reconcileState(db: Queryable, saved: DetectorState): Promise<DetectorState> {
  const ids = Object.values(saved.open).flatMap((a) => (a.id === undefined ? [] : [String(a.id)]));
  const { rows } = await db.query<AlertRow>(
    `SELECT id, metric, window_start, last_seen_at, status, observed, expected, score, severity, method, kind, message
       FROM serving.alerts WHERE status <> 'resolved' OR id = ANY($1::bigint[])`,
    [ids],
  );
  const byId = new Map(rows.map((r) => [Number(r.id), r]));
  const open: Record<string, OpenAlert> = {};
  for (const [metric, alert] of Object.entries(saved.open)) {
    const row = alert.id === undefined ? undefined : byId.get(alert.id);
    if (!row) continue;
    open[metric] = {
      ...alert,
      status: row.status === "resolved" ? "silenced" : alert.status === "silenced" ? "silenced" : row.status,
    };
  }
  for (const row of rows) {
    if (row.status === "resolved" || open[row.metric]) continue;
    open[row.metric] = {
      id: Number(row.id),
      metric: row.metric,
      status: row.status,
      openedMs: row.window_start.getTime(),
      lastSeenMs: row.last_seen_at.getTime(),
      observed: row.observed ?? 0,
      expected: row.expected ?? 0,
      spread: 0,
      score: row.score ?? 0,
      severity: row.severity,
      method: row.method,
      kind: row.kind,
      message: row.message,
      normalStreak: 0,
    };
  }
  return { cursorMs: saved.cursorMs, breakdownCursorMs: saved.breakdownCursorMs ?? null, open };
}

/**
 * Stores one pass's changes and the new state in the caller's transaction. An alert's identity is
 * (metric, first anomalous minute), unique in Postgres: judging the same minutes again finds the
 * stored alert rather than adding one. Returns the state with the ids of new alerts.
 */
export async function storeChanges(
  db: Queryable,
  state: DetectorState,
  changes: readonly AlertChange[],
): Promise<{ state: DetectorState; changes: AlertChange[] }> {
  const open = { ...state.open };
  const stored: AlertChange[] = [];
  for (const change of changes) {
    const a = change.alert;
    const values = [a.observed, a.expected, a.score, a.severity, a.method, a.message, new Date(a.lastSeenMs)];
    if (change.type === "opened") {
      const { rows } = await db.query<{ id: string; status: string }>(
        `INSERT INTO serving.alerts (metric, window_start, observed, expected, score, severity, method, kind, message, last_seen_at)
         VALUES ($8, $9, $1, $2, $3, $4, $5, $10, $6, $7)
         ON CONFLICT (metric, window_start) DO UPDATE SET observed = EXCLUDED.observed, expected = EXCLUDED.expected,
           score = EXCLUDED.score, severity = EXCLUDED.severity, message = EXCLUDED.message,
           last_seen_at = EXCLUDED.last_seen_at, updated_at = now()
         RETURNING id, status, (xmax = 0) AS inserted`,
        [...values, a.metric, new Date(a.openedMs), a.kind],
      );
      const row = rows[0] as { id: string; status: string; inserted?: boolean };
      const id = Number(row.id);
      const current = open[a.metric];
      if (current && current.openedMs === a.openedMs)
        open[a.metric] = {
          ...current,
          id,
          ...(row.status === "resolved" ? { status: "silenced" as const } : {}),
        };
      if (row.inserted) stored.push({ ...change, alert: { ...a, id } });
    } else if (change.type === "updated") {
      if (a.id === undefined) continue;
      await db.query(
        `UPDATE serving.alerts SET observed = $1, expected = $2, score = $3, severity = $4, method = $5, message = $6,
           last_seen_at = $7, updated_at = now() WHERE id = $8 AND status <> 'resolved'`,
        [...values, a.id],
      );
    } else {
      if (a.id === undefined) continue;
      const { rowCount } = await db.query(
        "UPDATE serving.alerts SET status = 'resolved', updated_at = now() WHERE id = $1 AND status <> 'resolved'",
        [a.id],
      );
      if (rowCount) stored.push(change);
    }
  }
  const next = { cursorMs: state.cursorMs, breakdownCursorMs: state.breakdownCursorMs ?? null, open };
  await writeDetectorState(db, next);
  return { state: next, changes: stored };
}
