/** One (event_date, hour) partition of silver and gold: a UTC date `YYYY-MM-DD` and hour 0..23. */
export interface HourPartition {
  date: string;
  hour: number;
}

const datePattern = /^\d{4}-\d{2}-\d{2}$/;

/** `2024-03-10/11`: the key of an hour in state files and health. */
export function hourKey(h: HourPartition): string {
  return `${h.date}/${String(h.hour).padStart(2, "0")}`;
}

export function parseHourKey(key: string): HourPartition | undefined {
  const m = /^(\d{4}-\d{2}-\d{2})\/(\d{2})$/.exec(key);
  if (!m) return undefined;
  const hour = Number(m[2]);
  return hour < 24 ? { date: m[1]!, hour } : undefined;
}

/** Start of the hour in epoch milliseconds. */
export function hourStartMs(h: HourPartition): number {
  return Date.parse(`${h.date}T00:00:00Z`) + h.hour * 3_600_000;
}

/** Distinct hours, sorted. */
export function uniqueHours(hours: Iterable<HourPartition>): HourPartition[] {
  const byKey = new Map<string, HourPartition>();
  for (const h of hours) byKey.set(hourKey(h), { date: h.date, hour: h.hour });
  return [...byKey.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, h]) => h);
}

/** A Spark SQL predicate selecting exactly these partitions (FALSE when there are none). */
export function hoursPredicate(hours: readonly HourPartition[]): string {
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

export { durationMs } from "@ecomstream/runtime";
