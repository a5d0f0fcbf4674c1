import type { SparkSession } from "./session.js";

export interface SparkConnectBench {
  /** Rows collected in the throughput run. */
  rows: number;
  collectSeconds: number;
  collectRowsPerSecond: number;
  /** Round trips of `SELECT 1` measured. */
  roundTrips: number;
  selectOneMedianMs: number;
  selectOneP95Ms: number;
}

/**
 * Measures collect throughput (`range(rows)` with a few derived columns, decoded to JS rows) and
 * the round-trip time of `SELECT 1` (median of `roundTrips` after one warm-up).
 */
export async function benchSparkConnect(
  session: SparkSession,
  options: { rows?: number; roundTrips?: number } = {},
): Promise<SparkConnectBench> {
  const rows = options.rows ?? 1_000_000;
  const roundTrips = options.roundTrips ?? 50;
  const df = session.range(rows).selectExpr("id", "id * 2.5 AS amount", "concat('sku-', id % 1000) AS sku");

  await session.range(1000).collect(); // warm-up
  const started = performance.now();
  const collected = await df.collect();
  const collectSeconds = (performance.now() - started) / 1000;

  const one = await session.sql("SELECT 1 AS one");
  await one.collect();
  const times: number[] = [];
  for (let i = 0; i < roundTrips; i++) {
    const t = performance.now();
    await one.collect();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? Number.NaN;
  return {
    rows: collected.length,
    collectSeconds,
    collectRowsPerSecond: collected.length / collectSeconds,
    roundTrips,
    selectOneMedianMs: at(0.5),
    selectOneP95Ms: at(0.95),
  };
}
