import type { PoolClient } from "pg";

type Queryable = Pick<PoolClient, "query">;

/** Reads one cursor of serving.service_state (undefined when absent). */
export async function readState<T>(db: Queryable, name: string): Promise<T | undefined> {
  const result = await db.query<{ value: T }>("SELECT value FROM serving.service_state WHERE name = $1", [
    name,
  ]);
  return result.rows[0]?.value;
}

/** Writes one cursor of serving.service_state (in the caller's transaction, beside the data). */
export async function writeState(db: Queryable, name: string, value: unknown): Promise<void> {
  await db.query(
    "INSERT INTO serving.service_state (name, value, updated_at) VALUES ($1, $2::jsonb, now()) " +
      "ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value, updated_at = now()",
    [name, JSON.stringify(value)],
  );
}

/** Removes a cursor (replay from the beginning). */
export async function clearState(db: Queryable, name: string): Promise<void> {
  await db.query("DELETE FROM serving.service_state WHERE name = $1", [name]);
}
