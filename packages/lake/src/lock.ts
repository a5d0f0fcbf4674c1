import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { EcomError, errorCodes, isAlive } from "@ecomstream/runtime";

/**
 * One lake operation per table at a time on this machine: a lock folder under
 * `$ECOM_HOME/state/lake-ops/`, holding the owner's pid; a lock whose owner died is taken over.
 */
export async function withTableLock<T>(home: string, table: string, work: () => Promise<T>): Promise<T> {
  const dir = join(home, "state", "lake-ops", `${table}.lock`);
  mkdirSync(join(home, "state", "lake-ops"), { recursive: true });
  for (let attempt = 0; ; attempt++) {
    try {
      mkdirSync(dir);
      writeFileSync(join(dir, "pid"), String(process.pid));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      let owner = Number.NaN;
      try {
        owner = Number(readFileSync(join(dir, "pid"), "utf8"));
      } catch {
        // being written or removed
      }
      if (Number.isInteger(owner) && !isAlive(owner)) {
        rmSync(dir, { recursive: true, force: true });
        continue;
      }
      if (attempt >= 600) {
        throw new EcomError(
          errorCodes.timeout,
          `lake operation on ${table} is locked by pid ${owner} (${dir}); wait for it to finish`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  try {
    return await work();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
