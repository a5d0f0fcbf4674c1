/**
 * `new Date(ms).toISOString()` for whole milliseconds, cheaper for the generator's event times:
 * the characters of `YYYY-MM-DDTHH:MM:` are kept while the minute stays the same, and the string
 * is made at once from character codes (flat, so JSON.stringify copies it without flattening).
 */
const codes: number[] = Array.from("0000-00-00T00:00:00.000Z", (ch) => ch.charCodeAt(0));
/** 10000-01-01T00:00:00.000Z: from there on toISOString writes six-digit years. */
const lastFourDigitYearMs = 253_402_300_800_000;
let cachedMinute = Number.NaN;

export function isoTimestamp(ms: number): string {
  if (!(ms >= 0 && ms < lastFourDigitYearMs && Number.isInteger(ms))) return new Date(ms).toISOString();
  const minute = Math.floor(ms / 60_000);
  if (minute !== cachedMinute) {
    cachedMinute = minute;
    const prefix = new Date(minute * 60_000).toISOString();
    for (let i = 0; i < 17; i++) codes[i] = prefix.charCodeAt(i);
  }
  const inMinute = ms - minute * 60_000;
  const seconds = Math.floor(inMinute / 1000);
  const millis = inMinute - seconds * 1000;
  codes[17] = 48 + Math.floor(seconds / 10);
  codes[18] = 48 + (seconds % 10);
  codes[20] = 48 + Math.floor(millis / 100);
  codes[21] = 48 + (Math.floor(millis / 10) % 10);
  codes[22] = 48 + (millis % 10);
  return String.fromCharCode.apply(null, codes);
}
