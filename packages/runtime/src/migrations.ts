import { readdirSync } from "node:fs";
import { join } from "node:path";
import { runner } from "node-pg-migrate";
import { repoRoot } from "./paths.js";

/** Versioned, up-only SQL migrations of the serving database. */
export const migrationsDir = (): string => join(repoRoot(), "infra", "postgres", "migrations");
const migrationsTable = "ecom_migrations";

/** Applies every pending migration; returns the names applied by this call. */
export async function migrateUp(databaseUrl: string): Promise<string[]> {
  const applied = await runner({
    databaseUrl,
    dir: migrationsDir(),
    direction: "up",
    migrationsTable,
    migrationsSchema: "public",
    checkOrder: true,
    singleTransaction: true,
    log: () => undefined,
  });
  return applied.map((migration) => migration.name);
}

/** Names of the migrations in the repository, in order. */
export function knownMigrations(): string[] {
  return readdirSync(migrationsDir())
    .filter((file) => file.endsWith(".sql"))
    .map((file) => file.replace(/\.sql$/, ""))
    .sort();
}

/** Migrations the database has not applied yet (empty = current). */
export async function pendingMigrations(query: (sql: string) => Promise<{ rows: Array<{ name: string }> }>) {
  const known = knownMigrations();
  let done: Set<string>;
  try {
    done = new Set((await query(`select name from public.${migrationsTable}`)).rows.map((row) => row.name));
  } catch {
    return known;
  }
  return known.filter((name) => !done.has(name));
}
