import type { EcomConfig } from "@ecomstream/runtime";
import { benchSparkConnect, SparkSession } from "@ecomstream/spark-connect";
import { ui } from "../ui.js";

/**
 * Collect throughput of 1M `range` rows and `SELECT 1` round trips, next to the same rows counted
 * on the server (the engine's own time, no transfer) in the same run, as a ratio.
 */
export async function benchSparkConnectCommand(config: EcomConfig): Promise<number> {
  const session = await SparkSession.connect(config.spark.remote);
  try {
    const rows = 1_000_000;
    const result = await benchSparkConnect(session, { rows, roundTrips: 50 });
    const df = session.range(rows).selectExpr("id", "id * 2.5 AS amount", "concat('sku-', id % 1000) AS sku");
    await df.count();
    const started = performance.now();
    await df.count();
    const serverSeconds = (performance.now() - started) / 1000;
    const serverRowsPerSecond = rows / serverSeconds;
    ui.out(
      ui.table(
        ["measure", "value"],
        [
          ["collect rows", String(result.rows)],
          [
            "collect rows/s (decoded to JS rows)",
            Math.round(result.collectRowsPerSecond).toLocaleString("en"),
          ],
          ["server-side count rows/s (baseline)", Math.round(serverRowsPerSecond).toLocaleString("en")],
          ["collect / baseline", (result.collectRowsPerSecond / serverRowsPerSecond).toFixed(3)],
          ["SELECT 1 median ms", result.selectOneMedianMs.toFixed(1)],
          ["SELECT 1 p95 ms", result.selectOneP95Ms.toFixed(1)],
        ],
      ),
    );
    return 0;
  } finally {
    await session.close();
  }
}
