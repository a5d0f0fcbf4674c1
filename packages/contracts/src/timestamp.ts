/**
 * The event_ts grammar: `YYYY-MM-DDTHH:MM:SS[.f{1,9}](Z|±HH:MM)`, ASCII digits only. Spark uses the
 * same source with `$` made strict (`\z`), see spark-sql.ts.
 */
export const timestampPattern =
  "^([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})(?:[.]([0-9]{1,9}))?(?:(Z)|([+-])([0-9]{2}):([0-9]{2}))$";

const timestampRegex = new RegExp(timestampPattern);

/** Largest zone offset a real instant can carry (java.time.ZoneOffset, which Spark uses). */
const maxOffsetMinutes = 18 * 60;

export interface EventInstant {
  /** Epoch milliseconds, fraction truncated to the millisecond. */
  epochMs: number;
  /** Microseconds within that millisecond (0..999); Spark keeps microseconds, drops the rest. */
  subMsMicros: number;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * Parses an event_ts: the grammar and a real calendar instant (proleptic Gregorian, hours 0-23,
 * no leap second, offset at most ±18:00). Returns null when not parseable.
 */
export function parseEventTs(text: string): EventInstant | null {
  const m = timestampRegex.exec(text);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  let offsetMinutes = 0;
  if (m[8] !== "Z") {
    const offH = Number(m[10]);
    const offM = Number(m[11]);
    if (offM > 59) return null;
    offsetMinutes = (offH * 60 + offM) * (m[9] === "-" ? -1 : 1);
    if (Math.abs(offsetMinutes) > maxOffsetMinutes) return null;
  }
  const fraction = (m[7] ?? "").padEnd(6, "0");
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, Number(fraction.slice(0, 3)));
  return {
    epochMs: date.getTime() - offsetMinutes * 60_000,
    subMsMicros: Number(fraction.slice(3, 6)),
  };
}

/** True when `instant` is more than `skewMs` after `ingestMs` (compared at microsecond precision). */
export function isAfter(instant: EventInstant, ingestMs: number, skewMs: number): boolean {
  const diff = instant.epochMs - ingestMs;
  return diff > skewMs || (diff === skewMs && instant.subMsMicros > 0);
}

/** Formats epoch milliseconds as the generator writes event_ts: UTC, millisecond precision. */
export function formatEventTs(epochMs: number): string {
  return new Date(epochMs).toISOString();
}
