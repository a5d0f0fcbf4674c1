const unitMs = { millisecond: 1, second: 1000, minute: 60_000, hour: 3_600_000, day: 86_400_000 } as const;

/** Milliseconds of a Spark interval as config holds it (`1 minute`, `5 seconds`). */
export function durationMs(text: string): number {
  const m = /^(\d+) (millisecond|second|minute|hour|day)s?$/.exec(text.trim());
  if (!m) throw new RangeError(`not a duration: ${text}`);
  return Number(m[1]) * unitMs[m[2] as keyof typeof unitMs];
}
