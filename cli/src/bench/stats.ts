import { EcomError, errorCodes } from "@ecomstream/runtime";

/** The p-th percentile (0..100) of values, nearest-rank; NaN when there are none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}

/** `--records N` (N >= 1000) of `./ecom bench <name>`, or `fallback` without arguments. */
export function recordsOption(args: readonly string[], fallback: number, name: string): number {
  if (args.length === 0) return fallback;
  const value = Number(args[1]);
  if (args.length !== 2 || args[0] !== "--records" || !Number.isInteger(value) || value < 1000)
    throw new EcomError(errorCodes.usage, `bench ${name} takes only --records N (N >= 1000)`, {
      fix: `e.g. ./ecom bench ${name} --records ${fallback}`,
    });
  return value;
}

/** Kafka offsets a streaming query's source progress reports (`{"topic":{"0":12,…}}`), summed. */
export function sumKafkaOffsets(offsets: unknown): number | undefined {
  const parsed = typeof offsets === "string" ? safeJson(offsets) : offsets;
  if (!parsed || typeof parsed !== "object") return undefined;
  let total = 0;
  for (const partitions of Object.values(parsed as Record<string, unknown>)) {
    if (!partitions || typeof partitions !== "object") return undefined;
    for (const offset of Object.values(partitions as Record<string, unknown>)) {
      if (typeof offset !== "number") return undefined;
      total += offset;
    }
  }
  return total;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** "1.23" style, or "-" for a missing value. */
export const fixed = (value: number, digits = 0): string =>
  Number.isFinite(value) ? value.toLocaleString("en", { maximumFractionDigits: digits }) : "-";
