/** Helpers for this package's integration tests (real Spark Connect server and Kafka). */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SparkSession } from "./session.js";

export const sparkRemote = process.env.ECOM_SPARK_REMOTE ?? "sc://localhost:15002";
export const kafkaBootstrap = process.env.ECOM_KAFKA_BOOTSTRAP ?? "localhost:9092";

export function connectForTest(
  options: Parameters<typeof SparkSession.connect>[1] = {},
): Promise<SparkSession> {
  return SparkSession.connect(`${sparkRemote.replace(/\/$/, "")}/;user_id=spark-connect-test`, options);
}

/** A fresh folder under the OS temp dir, removed by the returned cleanup. */
export function tempDir(prefix: string): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), `spark-connect-${prefix}-`));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** Polls `check` until it returns a value (not undefined) or `timeoutMs` passes. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined>,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
