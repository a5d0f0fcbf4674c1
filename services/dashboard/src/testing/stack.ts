import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { buildApp, createPool } from "@ecomstream/api";
import { type EcomConfig, loadConfig, migrateUp, roleDatabaseUrl } from "@ecomstream/runtime";
import { freePort } from "@ecomstream/testkit";
import type { FastifyInstance } from "fastify";
import pg from "pg";
import { ensureBundle } from "../build.js";
import { buildConsoleServer } from "../console-server.js";
import { buildDashboardServer } from "../dashboard-server.js";

export const testApiKey = `dash-test-${randomBytes(4).toString("hex")}`;

export interface Stack {
  config: EcomConfig;
  /** A privileged pool on the test database, to seed serving rows. */
  admin: pg.Pool;
  apiUrl: string;
  dashboardUrl: string;
  consoleUrl: string;
  lakeDir: string;
  checkpointDir: string;
  close(): Promise<void>;
}

/**
 * A throw-away serving database on the configured Postgres, the real API over it (Spark for samples),
 * the dashboard and the topic console on the configured Kafka, each on a free port of localhost.
 */
export async function startStack(): Promise<Stack> {
  await ensureBundle();
  const base = loadConfig();
  const dbName = `ecom_dash_test_${randomBytes(5).toString("hex")}`;
  const maintenance = new URL(base.postgres.url);
  maintenance.pathname = "/postgres";
  const client = new pg.Client({ connectionString: maintenance.toString() });
  await client.connect();
  await client.query(`create database ${dbName}`);
  await client.end();
  const dbUrl = new URL(maintenance);
  dbUrl.pathname = `/${dbName}`;
  await migrateUp(dbUrl.toString());
  const admin = new pg.Pool({ connectionString: dbUrl.toString(), max: 2 });

  const lakeDir = mkdtempSync(join(tmpdir(), "ecom-dash-lake-"));
  const checkpointDir = mkdtempSync(join(tmpdir(), "ecom-dash-ckpt-"));
  const [apiPort, dashboardPort, consolePort] = [await freePort(), await freePort(), await freePort()];
  const dashboardUrl = `http://localhost:${dashboardPort}`;
  const consoleUrl = `http://localhost:${consolePort}`;
  const config: EcomConfig = {
    ...base,
    postgres: { ...base.postgres, url: dbUrl.toString() },
    lake: { uri: pathToFileURL(lakeDir).href },
    checkpoints: { uri: pathToFileURL(checkpointDir).href },
    api: {
      ...base.api,
      port: apiPort,
      key: testApiKey,
      corsOrigins: [dashboardUrl, consoleUrl],
      rateLimitPerMinute: 0,
    },
    dashboard: { port: dashboardPort },
    console: { port: consolePort },
  };
  // the API's own login, as ./ecom up runs it
  const readerUrl = roleDatabaseUrl(config, "ecom_reader");
  const pool = createPool(readerUrl, { max: 4 });
  const servers: FastifyInstance[] = [];
  const api = await buildApp({ config, pool, databaseUrl: readerUrl, heartbeatMs: 5000 });
  servers.push(api);
  await api.listen({ port: apiPort, host: "127.0.0.1" });
  const dashboard = await buildDashboardServer({ config });
  servers.push(dashboard);
  await dashboard.listen({ port: dashboardPort, host: "127.0.0.1" });
  const consoleServer = await buildConsoleServer({ config });
  servers.push(consoleServer);
  await consoleServer.listen({ port: consolePort, host: "127.0.0.1" });

  return {
    config,
    admin,
    apiUrl: `http://localhost:${apiPort}`,
    dashboardUrl,
    consoleUrl,
    lakeDir,
    checkpointDir,
    async close() {
      for (const server of servers.reverse()) await server.close().catch(() => undefined);
      await pool.end().catch(() => undefined);
      await admin.end().catch(() => undefined);
      const c = new pg.Client({ connectionString: maintenance.toString() });
      await c.connect();
      await c.query(`drop database if exists ${dbName} with (force)`);
      await c.end();
      rmSync(lakeDir, { recursive: true, force: true });
      rmSync(checkpointDir, { recursive: true, force: true });
    },
  };
}
