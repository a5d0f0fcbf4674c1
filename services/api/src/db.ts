import pg from "pg";

export type Pool = pg.Pool;

/** Role the API's connections take: SELECT everything, UPDATE only an alert's status. */
export const readerRole = "ecom_reader";

/** int8 and numeric (sums of bigint) as JS numbers: counts here stay far below 2^53. */
const types = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === 20 || oid === 1700) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format);
  },
};

export interface PoolOptions {
  max?: number;
  statementTimeoutMs?: number;
}

/**
 * The API's pool on `url`, the `ecom_reader` login (`roleDatabaseUrl(config, "ecom_reader")`). Every
 * connection also takes the role at start-up (`-c role=ecom_reader`), so a login that is only a
 * member of it (a managed Postgres's own user) still holds the reader's rights and no more.
 */
export function createPool(url: string, options: PoolOptions = {}): Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    connectionTimeoutMillis: 3000,
    statement_timeout: options.statementTimeoutMs ?? 5000,
    application_name: "ecom-api",
    options: `-c role=${readerRole}`,
    types,
  });
  // an idle client's error (server restart) must not crash the process; the next query reconnects
  pool.on("error", () => undefined);
  return pool;
}

/** A URL with its password replaced, for logs. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "<invalid url>";
  }
}

export const iso = (value: Date | string): string =>
  value instanceof Date ? value.toISOString() : new Date(value).toISOString();
