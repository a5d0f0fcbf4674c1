import pg from "pg";

/**
 * A writer's Postgres pool (loader, lake-ops, detector) on `url`, the `ecom_writer` login
 * (`roleDatabaseUrl(config, "ecom_writer")`). Every connection also takes the role at start-up
 * (`-c role=ecom_writer`), so a login that is only a member of it (a managed Postgres's own user)
 * still holds no more rights than the role.
 */
export function createServingPool(url: string, max = 3): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    idleTimeoutMillis: 30_000,
    options: "-c role=ecom_writer",
  });
  // an idle client's error (e.g. Postgres restarted) must not crash the process; the next query reports it
  pool.on("error", () => undefined);
  return pool;
}

/** Runs `work` in one transaction. */
export async function inTransaction<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
