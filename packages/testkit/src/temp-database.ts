import { loadConfig, migrateUp, onDatabase, roleDatabaseUrl } from "@ecomstream/runtime";
import pg from "pg";

/** For tests: a database of one's own on the runtime's Postgres, with the serving migrations applied. */
export interface TempDatabase {
  /** The administrator's URL (as migrations connect), for setup and assertions. */
  url: string;
  /** The database as the API logs in (`ecom_reader`, the runtime's kept password). */
  readerUrl: string;
  /** The database as the loader logs in (`ecom_writer`). */
  writerUrl: string;
  /** The owner's pool, for setup and assertions. */
  pool: pg.Pool;
  /** A pool as the writers connect (the `ecom_writer` login); closed by drop(). */
  writer(): pg.Pool;
  drop(): Promise<void>;
}

/** A fresh database `<prefix>_<random>` with the serving migrations applied. */
export async function tempDatabase(prefix = "ecom_test"): Promise<TempDatabase> {
  const config = loadConfig();
  const base = config.postgres.url;
  const name = `${prefix}_${Math.random().toString(36).slice(2, 10)}`;
  const run = async (sql: string) => {
    const client = new pg.Client({ connectionString: onDatabase(base, "postgres") });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await run(`CREATE DATABASE ${name}`);
  const url = onDatabase(base, name);
  await migrateUp(url);
  const writerUrl = onDatabase(roleDatabaseUrl(config, "ecom_writer"), name);
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  // pool.end() resolves before its sockets close, so `DROP … WITH (FORCE)` may still reach one
  pool.on("error", () => undefined);
  const writers: pg.Pool[] = [];
  return {
    url,
    readerUrl: onDatabase(roleDatabaseUrl(config, "ecom_reader"), name),
    writerUrl,
    pool,
    writer() {
      const p = new pg.Pool({ connectionString: writerUrl, max: 2 });
      writers.push(p);
      return p;
    },
    async drop() {
      await Promise.all(writers.map((p) => p.end().catch(() => undefined)));
      await pool.end();
      await run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}
