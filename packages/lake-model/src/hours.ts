/** One hour partition of a lake table: a UTC date `YYYY-MM-DD` and hour 0..23. */
export interface HourKey {
  date: string;
  hour: number;
}

const datePattern = /^\d{4}-\d{2}-\d{2}$/;

/** `2024-03-10/11`: the key of an hour in state files and health. */
export function hourKey(h: HourKey): string {
  return `${h.date}/${String(h.hour).padStart(2, "0")}`;
}

export function parseHourKey(key: string): HourKey | undefined {
  const m = /^(\d{4}-\d{2}-\d{2})\/(\d{2})$/.exec(key);
  if (!m) return undefined;
  const hour = Number(m[2]);
  return hour < 24 ? { date: m[1]!, hour } : undefined;
}

/** Epoch ms of an hour partition's start. */
export const hourStartMs = (at: HourKey) => Date.parse(`${at.date}T00:00:00Z`) + at.hour * 3_600_000;

/** The hour partition holding epoch ms `t`. */
export function hourOf(t: number): HourKey {
  const iso = new Date(t).toISOString();
  return { date: iso.slice(0, 10), hour: Number(iso.slice(11, 13)) };
}

/** Distinct hours, sorted. */
export function uniqueHours(hours: Iterable<HourKey>): HourKey[] {
  const byKey = new Map<string, HourKey>();
  for (const h of hours) byKey.set(hourKey(h), { date: h.date, hour: h.hour });
  return [...byKey.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, h]) => h);
}

/** A Spark SQL predicate selecting exactly these partitions (FALSE when there are none). */
export function hoursPredicate(hours: readonly HourKey[]): string {
  if (hours.length === 0) return "FALSE";
  const byDate = new Map<string, number[]>();
  for (const h of uniqueHours(hours)) {
    if (!datePattern.test(h.date) || !Number.isInteger(h.hour))
      throw new RangeError(`bad hour ${hourKey(h)}`);
    byDate.set(h.date, [...(byDate.get(h.date) ?? []), h.hour]);
  }
  return [...byDate.entries()]
    .map(([date, hs]) => `(event_date = DATE'${date}' AND hour IN (${hs.join(", ")}))`)
    .join(" OR ");
}
