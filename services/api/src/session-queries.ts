import { type FunnelStep, funnelSteps } from "@ecomstream/contracts";
import type { Static } from "@sinclair/typebox";
import type { Pool } from "./db.js";
import { apiErrorCodes, badRequest } from "./errors.js";
import { parseInstant } from "./range.js";
import type { FunnelSchema, SessionSummarySchema } from "./schemas/sessions.js";

export type SessionSummary = Static<typeof SessionSummarySchema>;
export type Funnel = Static<typeof FunnelSchema>;

const minuteMs = 60_000;
/** The widest range of session figures: as /v1/products/top. */
export const maxSessionRangeDays = 31;

/**
 * The sessions' range: `from` floored and `to` ceiled to the minute (default the 24 hours before
 * `to`, default now). Inverted, empty or wider than 31 days: 400.
 */
export function resolveSessionRange(
  query: { from?: string; to?: string },
  now: Date,
): { from: Date; to: Date } {
  const toAt = query.to === undefined ? now : parseInstant("to", query.to);
  const fromAt =
    query.from === undefined ? new Date(toAt.getTime() - 24 * 3_600_000) : parseInstant("from", query.from);
  if (fromAt.getTime() >= toAt.getTime()) {
    throw badRequest(
      `from (${fromAt.toISOString()}) must be before to (${toAt.toISOString()})`,
      apiErrorCodes.range,
    );
  }
  const from = new Date(Math.floor(fromAt.getTime() / minuteMs) * minuteMs);
  const to = new Date(Math.ceil(toAt.getTime() / minuteMs) * minuteMs);
  if (to.getTime() - from.getTime() > maxSessionRangeDays * 86_400_000) {
    throw badRequest(
      `range ${from.toISOString()}..${to.toISOString()} is wider than ${maxSessionRangeDays} days`,
      apiErrorCodes.range,
    );
  }
  return { from, to };
}

interface SummaryRow {
  sessions: string;
  provisional: string;
  bounced: string;
  purchased: string;
  median: number | null;
  p90: number | null;
  revenue: number;
}

/** Sessions started in [from, to): counts, bounce and conversion, duration percentiles, revenue. */
export async function sessionSummary(pool: Pool, range: { from: Date; to: Date }): Promise<SessionSummary> {
  const { rows } = await pool.query<SummaryRow>({
    name: "sessions-summary",
    text: `select count(*) as sessions,
                  count(*) filter (where not is_final) as provisional,
                  count(*) filter (where events = 1) as bounced,
                  count(*) filter (where purchased) as purchased,
                  percentile_cont(0.5) within group (order by duration_seconds) as median,
                  percentile_cont(0.9) within group (order by duration_seconds) as p90,
                  coalesce(sum(revenue_usd), 0)::float8 as revenue
             from serving.sessions
            where session_start >= $1 and session_start < $2`,
    values: [range.from, range.to],
  });
  const row = rows[0] as SummaryRow;
  const sessions = Number(row.sessions);
  const bounced = Number(row.bounced);
  const purchased = Number(row.purchased);
  return {
    from: range.from.toISOString(),
    to: range.to.toISOString(),
    sessions,
    provisional_sessions: Number(row.provisional),
    bounced_sessions: bounced,
    bounce_rate: sessions > 0 ? bounced / sessions : null,
    purchased_sessions: purchased,
    conversion_rate: sessions > 0 ? purchased / sessions : null,
    median_duration_seconds: row.median === null ? null : Number(row.median),
    p90_duration_seconds: row.p90 === null ? null : Number(row.p90),
    revenue_usd: Number(row.revenue),
  };
}

/** Step i's condition: the session reached it and every earlier step. */
const reached = (index: number) =>
  funnelSteps
    .slice(0, index + 1)
    .map((step) => `"${step}"`)
    .join(" and ");

const funnelSql = `select count(*) as sessions,
         count(*) filter (where not is_final) as provisional,
         ${funnelSteps.map((step, i) => `count(*) filter (where ${reached(i)}) as "${step}"`).join(",\n         ")}
    from serving.sessions
   where session_start >= $1 and session_start < $2`;

/**
 * The funnel of the sessions started in [from, to): per step, the sessions that reached it and
 * every earlier one (so counts never increase), and the rate from the step before.
 */
export async function funnel(pool: Pool, range: { from: Date; to: Date }): Promise<Funnel> {
  const { rows } = await pool.query<Record<"sessions" | "provisional" | FunnelStep, string>>({
    name: "funnel",
    text: funnelSql,
    values: [range.from, range.to],
  });
  const row = rows[0] as Record<"sessions" | "provisional" | FunnelStep, string>;
  let previous: number | null = null;
  const steps = funnelSteps.map((step) => {
    const sessions = Number(row[step]);
    const rate = previous === null ? (sessions > 0 ? 1 : null) : previous > 0 ? sessions / previous : null;
    previous = sessions;
    return { step, sessions, rate };
  });
  return {
    from: range.from.toISOString(),
    to: range.to.toISOString(),
    sessions: Number(row.sessions),
    provisional_sessions: Number(row.provisional),
    steps,
  };
}
