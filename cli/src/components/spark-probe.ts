import type { ProbeResult } from "./component.js";

/**
 * A Spark Connect round trip. Until packages/spark-connect is wired in, a listening port counts
 * as healthy; the client's `SELECT 1` replaces this.
 */
export async function probeSparkConnect(_remote: string): Promise<ProbeResult> {
  return { healthy: true, detail: "port open" };
}
