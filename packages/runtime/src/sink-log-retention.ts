import type { EcomConfig, Reader } from "./config.js";
import { durationMs } from "./duration.js";

/**
 * ECOM_SINK_LOG_RETENTION (default 6 hours; `off`): a sink file waits for compaction at most its
 * hour, ECOM_COMPACT_CLOSED_AFTER and one ECOM_COMPACT_EVERY; the retention must be twice that, so a
 * compaction run missed or failed still leaves time before the sink's log forgets a file.
 */
export function sinkLogRetention(r: Reader, lakeOps: EcomConfig["lakeOps"]): string | null {
  const leastMs = 2 * (3_600_000 + durationMs(lakeOps.closedAfter) + durationMs(lakeOps.compactEvery));
  const raw = r.raw("ECOM_SINK_LOG_RETENTION");
  if (raw?.toLowerCase() === "off") return null;
  if (raw === undefined)
    return leastMs <= 6 * 3_600_000 ? "6 hours" : `${Math.ceil(leastMs / 60_000)} minutes`;
  const value = r.duration("ECOM_SINK_LOG_RETENTION", "6 hours");
  if (durationMs(value) < leastMs)
    r.problems.push(
      `ECOM_SINK_LOG_RETENTION=${value} must be at least ${Math.ceil(leastMs / 60_000)} minutes ` +
        "(twice an hour + ECOM_COMPACT_CLOSED_AFTER + ECOM_COMPACT_EVERY), or off",
    );
  return value;
}
