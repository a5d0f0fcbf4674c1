/** How many wrong API keys one client may send per window before every key it sends is refused. */
export interface KeyAttemptLimit {
  max: number;
  windowMs: number;
}

export const defaultKeyAttemptLimit: KeyAttemptLimit = { max: 10, windowMs: 60_000 };

/** Clients tracked at most; beyond it the client whose window began first is forgotten. */
const maxClients = 10_000;

/**
 * Wrong API keys per client over a sliding window. A client with `max` wrong keys in the window is
 * blocked until the oldest of them leaves it: while blocked, even the right key is refused, or a
 * guesser could go on guessing and learn the key from the one answer that differs.
 */
export class KeyAttempts {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly limit: KeyAttemptLimit = defaultKeyAttemptLimit,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds until `client` may try a key again; 0 when it may now. */
  blockedFor(client: string): number {
    const times = this.recent(client);
    if (times.length < this.limit.max) return 0;
    const oldest = times[times.length - this.limit.max] ?? this.now();
    return Math.max(1, oldest + this.limit.windowMs - this.now());
  }

  /** Counts one wrong key of `client`. */
  fail(client: string): void {
    const times = this.recent(client);
    times.push(this.now());
    // a blocked client's further attempts are not counted: its block ends a window after the max-th
    if (times.length > this.limit.max) times.splice(0, times.length - this.limit.max);
    this.failures.delete(client);
    this.failures.set(client, times);
    if (this.failures.size > maxClients) {
      const first = this.failures.keys().next().value;
      if (first !== undefined) this.failures.delete(first);
    }
  }

  private recent(client: string): number[] {
    const since = this.now() - this.limit.windowMs;
    const times = (this.failures.get(client) ?? []).filter((t) => t > since);
    if (times.length === 0) this.failures.delete(client);
    return times;
  }
}
