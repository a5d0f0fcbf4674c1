import pg from "pg";

/**
 * A writer's Postgres pool (loader, lake-ops): every connection takes the migrations' writer role at
 * start-up (`-c role=ecom_writer`, the same as `SET ROLE ecom_writer` before any query), so a
 * service holds no more rights than it needs.
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
