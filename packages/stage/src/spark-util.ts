import { SparkError } from "@ecomstream/spark-connect";

/** True when Spark failed because a path (a table not written yet) does not exist. */
export function isPathNotFound(error: unknown): boolean {
  return error instanceof SparkError && error.errorClass === "PATH_NOT_FOUND";
}

/**
 * True when a read failed because a file its listing named was gone when read: another process
 * replaced it (e.g. a restatement overwriting a gold hour). A fresh listing reads the new files.
 */
export function isFileVanished(error: unknown): boolean {
  return (
    error instanceof SparkError && (error.errorClass ?? "").startsWith("FAILED_READ_FILE.FILE_NOT_EXIST")
  );
}

/** Runs `work` again, from a fresh listing, while files it read vanish under it (at most `attempts` times). */
export async function retryWhileFilesVanish<T>(work: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (!isFileVanished(error) || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
    }
  }
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
