const integer = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const usd = new Intl.NumberFormat("en-US", {
  style: "currency",
  currency: "USD",
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});

export type Unit = "count" | "usd" | "ratio" | "rate";

/** A value as a tile or table shows it; null (no denominator) is an em dash. */
export function formatValue(value: number | null | undefined, unit: Unit): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  switch (unit) {
    case "count":
      return integer.format(value);
    case "usd":
      return usd.format(value);
    case "ratio":
      return `${decimal.format(value * 100)}%`;
    case "rate":
      return `${decimal.format(value)}/s`;
  }
}

/** Relative change of `now` against `before` in percent; null when there is nothing to compare. */
export function change(now: number | null | undefined, before: number | null | undefined): number | null {
  if (now === null || now === undefined || before === null || before === undefined) return null;
  if (before === 0) return now === 0 ? 0 : null;
  return ((now - before) / Math.abs(before)) * 100;
}

export function formatChange(percent: number | null): string {
  if (percent === null) return "no previous hour";
  const sign = percent > 0 ? "+" : percent < 0 ? "−" : "±";
  return `${sign}${decimal.format(Math.abs(percent))}% vs previous hour`;
}

/** HH:MM (local) of an instant, with the date when it is not today. */
export function formatMinute(iso: string, now = new Date()): string {
  const date = new Date(iso);
  const time = date.toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" });
  return date.toDateString() === now.toDateString() ? time : `${date.toLocaleDateString("en-CA")} ${time}`;
}

export function formatInstant(iso: string | null | undefined): string {
  if (!iso) return "—";
  const date = new Date(iso);
  return `${date.toLocaleDateString("en-CA")} ${date.toLocaleTimeString("en-GB")}`;
}

/** A duration in seconds as "42 s", "3 min", "2 h 5 min". */
export function formatAge(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return "—";
  if (seconds < 90) return `${Math.round(seconds)} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 90) return `${minutes} min`;
  if (minutes < 48 * 60) return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
  const hours = Math.round(minutes / 60);
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

const byteUnits = ["B", "kB", "MB", "GB", "TB", "PB"];

/** A size in bytes as "512 B", "1.5 kB", "12.3 GB" (powers of 1000). */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes) || bytes < 0) return "—";
  let value = bytes;
  let unit = 0;
  while (value >= 999.95 && unit < byteUnits.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${byteUnits[unit]}`;
}
