import type { FunnelStep } from "@ecomstream/contracts";
import type pg from "pg";

/** Test helpers: serving.sessions rows, as the loader writes them. */

export interface SessionSeed {
  id: string;
  start: Date;
  durationSeconds?: number;
  events?: number;
  /** The funnel steps the session has (default none). */
  steps?: readonly FunnelStep[];
  revenue?: number;
  final?: boolean;
}

/** Inserts sessions rows; a session without `events` has 1 event per 30 s of duration plus one. */
export async function seedSessions(admin: pg.Pool, seeds: readonly SessionSeed[]): Promise<void> {
  for (const s of seeds) {
    const duration = s.durationSeconds ?? 0;
    const has = (step: FunnelStep) => s.steps?.includes(step) ?? false;
    await admin.query(
      `insert into serving.sessions (session_id, session_start, session_end, duration_seconds, events, device,
         country, viewed_product, added_to_cart, started_checkout, purchased, revenue_usd, is_final, updated_at)
       values ($1, $2, $2::timestamptz + make_interval(secs => $3), $3, $4, 'mobile', 'DE', $5, $6, $7, $8, $9,
         $10, now())`,
      [
        s.id,
        s.start,
        duration,
        s.events ?? 1 + Math.floor(duration / 30),
        has("viewed_product"),
        has("added_to_cart"),
        has("started_checkout"),
        has("purchased"),
        s.revenue ?? 0,
        s.final ?? true,
      ],
    );
  }
}
