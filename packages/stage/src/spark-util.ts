import { SparkError } from "@ecomstream/spark-connect";

/** True when Spark failed because a path (a table not written yet) does not exist. */
export function isPathNotFound(error: unknown): boolean {
  return error instanceof SparkError && error.errorClass === "PATH_NOT_FOUND";
}

/** Runs `work`, returning `fallback` when a table it reads does not exist yet. */
export async function unlessMissing<T>(work: () => Promise<T>, fallback: T): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isPathNotFound(error)) return fallback;
    throw error;
  }
}

/** `TIMESTAMP` literal of epoch milliseconds for Spark SQL. */
export const sparkTs = (ms: number) => `timestamp_millis(${Math.trunc(ms)})`;
