import pg from "pg";
import { loadConfig } from "./config.js";
import { migrateUp } from "./migrations.js";

/** For tests: a database of one's own on the runtime's Postgres, with the serving migrations applied. */
export interface TempDatabase {
  url: string;
  /** The owner's pool, for setup and assertions. */
  pool: pg.Pool;
  /** A pool as the writers connect (the `ecom_writer` role); closed by drop(). */
  writer(): pg.Pool;
  drop(): Promise<void>;
}

/** A fresh database `<prefix>_<random>` with the serving migrations applied. */
export async function tempDatabase(prefix = "ecom_test"): Promise<TempDatabase> {
  const base = loadConfig().postgres.url;
  const name = `${prefix}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new URL(base);
  admin.pathname = "/postgres";
  const run = async (sql: string) => {
    const client = new pg.Client({ connectionString: admin.href });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await run(`CREATE DATABASE ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  await migrateUp(url.href);
  const pool = new pg.Pool({ connectionString: url.href, max: 2 });
  const writers: pg.Pool[] = [];
  return {
    url: url.href,
    pool,
    writer() {
      const p = new pg.Pool({ connectionString: url.href, max: 2, options: "-c role=ecom_writer" });
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
