import type { Static } from "@sinclair/typebox";
import { type AlertCursor, encodeCursor } from "./cursor.js";
import { iso, type Pool } from "./db.js";
import { ApiError, apiErrorCodes, notFound } from "./errors.js";
import type { AlertSchema, AlertStatus } from "./schemas/alerts.js";

export type Alert = Static<typeof AlertSchema>;

export const alertColumns =
  "id, metric, window_start, observed, expected, score, severity, status, method, kind, message, " +
  "last_seen_at, created_at, updated_at";
const cursorMicros = "(extract(epoch from window_start) * 1000000)::bigint::text as cursor_micros";

type AlertRow = Omit<Alert, "window_start" | "last_seen_at" | "created_at" | "updated_at"> & {
  window_start: Date;
  last_seen_at: Date;
  created_at: Date;
  updated_at: Date;
  cursor_micros?: string;
};

export const toAlert = (row: AlertRow): Alert => ({
  id: row.id,
  metric: row.metric,
  window_start: iso(row.window_start),
  observed: row.observed,
  expected: row.expected,
  score: row.score,
  severity: row.severity,
  status: row.status,
  method: row.method,
  kind: row.kind,
  message: row.message,
  last_seen_at: iso(row.last_seen_at),
  created_at: iso(row.created_at),
  updated_at: iso(row.updated_at),
});

export interface AlertFilter {
  status?: string;
  severity?: string;
  metric?: string;
  from?: Date;
  to?: Date;
  after?: AlertCursor;
  limit: number;
}

/** One page, keyset on (window_start DESC, id DESC): no duplicates or gaps while rows are added. */
export async function listAlerts(pool: Pool, filter: AlertFilter) {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: (n: string) => string, value: unknown) => {
    params.push(value);
    where.push(sql(`$${params.length}`));
  };
  if (filter.status) add((n) => `status = ${n}`, filter.status);
  if (filter.severity) add((n) => `severity = ${n}`, filter.severity);
  if (filter.metric) add((n) => `metric = ${n}`, filter.metric);
  if (filter.from) add((n) => `window_start >= ${n}`, filter.from);
  if (filter.to) add((n) => `window_start < ${n}`, filter.to);
  if (filter.after) {
    params.push(filter.after.micros, filter.after.id);
    const m = `$${params.length - 1}`;
    where.push(
      `(window_start, id) < (timestamptz '1970-01-01 00:00:00+00' + ${m}::bigint * interval '1 microsecond', $${params.length}::bigint)`,
    );
  }
  params.push(filter.limit + 1);
  const { rows } = await pool.query<AlertRow>(
    `select ${alertColumns}, ${cursorMicros} from serving.alerts
      ${where.length > 0 ? `where ${where.join(" and ")}` : ""}
      order by window_start desc, id desc limit $${params.length}`,
    params,
  );
  const page = rows.slice(0, filter.limit);
  const last = page[page.length - 1];
  const nextCursor =
    rows.length > filter.limit && last?.cursor_micros
      ? encodeCursor({ micros: last.cursor_micros, id: last.id })
      : null;
  return { items: page.map(toAlert), nextCursor };
}

/** The statuses an alert may move to each target from (repeating the current status is a no-op). */
export const allowedFrom: Record<Exclude<AlertStatus, "open">, AlertStatus[]> = {
  acknowledged: ["open"],
  resolved: ["open", "acknowledged"],
};

export async function transitionAlert(
  pool: Pool,
  id: number,
  target: Exclude<AlertStatus, "open">,
): Promise<Alert> {
  const updated = await pool.query<AlertRow>(
    `update serving.alerts set status = $2, updated_at = now()
      where id = $1 and status = any($3::text[]) returning ${alertColumns}`,
    [id, target, allowedFrom[target]],
  );
  if (updated.rows[0]) return toAlert(updated.rows[0]);
  const current = await pool.query<AlertRow>(`select ${alertColumns} from serving.alerts where id = $1`, [
    id,
  ]);
  const row = current.rows[0];
  if (!row) throw notFound(`alert ${id} does not exist`);
  if (row.status === target) return toAlert(row);
  throw new ApiError(
    apiErrorCodes.conflict,
    409,
    `alert ${id} is ${row.status}; it cannot become ${target} (allowed from: ${allowedFrom[target].join(", ")})`,
  );
}
