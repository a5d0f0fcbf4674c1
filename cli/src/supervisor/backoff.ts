/** Restart delays of a crashed part: 1 s, 2 s, 4 s, … capped at 30 s. */
export const backoff = { firstMs: 1000, maxMs: 30_000, stableMs: 120_000 } as const;

/** The delay before restart number `attempt` (0-based) of one crash streak. */
export function restartDelayMs(attempt: number): number {
  return Math.min(backoff.maxMs, backoff.firstMs * 2 ** Math.max(0, attempt));
}

/**
 * The attempt number of a new crash: a part that ran for `stableMs` since its last restart starts a
 * new streak (1 s again); one that crashes soon after a restart waits longer each time.
 */
export function nextAttempt(previous: number, lastRestartAt: number | undefined, now: number): number {
  if (lastRestartAt === undefined || now - lastRestartAt >= backoff.stableMs) return 0;
  return previous + 1;
}
