import { SparkSession } from "@ecomstream/spark-connect";
import type { ProbeResult } from "./component.js";

/** A real Spark Connect round trip: the server's version and `SELECT 1`. */
export async function probeSparkConnect(remote: string): Promise<ProbeResult> {
  let session: SparkSession | undefined;
  try {
    session = await SparkSession.connect(remote);
    const version = await session.version();
    const rows = await (await session.sql("SELECT 1 AS one")).collect();
    const ok = rows.length === 1 && Number(rows[0]?.one) === 1;
    return {
      healthy: ok,
      detail: ok ? `Spark ${version}, SELECT 1 ok` : `Spark ${version}, SELECT 1 answered oddly`,
    };
  } catch (error) {
    return { healthy: false, detail: (error as Error).message.split("\n")[0] ?? "no answer" };
  } finally {
    await session?.close().catch(() => undefined);
  }
}
