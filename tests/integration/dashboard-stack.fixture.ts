import { randomBytes } from "node:crypto";
import { buildApp, createPool } from "@ecomstream/api";
import { buildConsoleServer, buildDashboardServer, ensureBundle } from "@ecomstream/dashboard";
import type { EcomConfig } from "@ecomstream/runtime";
import { freePort, tempDatabase, tempHome } from "@ecomstream/testkit";
import type { FastifyInstance } from "fastify";
import type pg from "pg";

export const testApiKey = `dash-test-${randomBytes(4).toString("hex")}`;

export interface Stack {
  config: EcomConfig;
  /** A privileged pool on the test database, to seed serving rows. */
  admin: pg.Pool;
  apiUrl: string;
  dashboardUrl: string;
  consoleUrl: string;
  close(): Promise<void>;
}

/**
 * A temporary serving database on the runtime's Postgres and a temporary home (lake, checkpoints),
 * the real API over them (Spark for samples), the dashboard and the topic console on the runtime's
 * Kafka, each on a free port of localhost.
 */
export async function startStack(): Promise<Stack> {
  await ensureBundle();
  const db = await tempDatabase("ecom_dash_test");
  const home = tempHome("ecom-dash-");
  const [apiPort, dashboardPort, consolePort] = [await freePort(), await freePort(), await freePort()];
  const dashboardUrl = `http://localhost:${dashboardPort}`;
  const consoleUrl = `http://localhost:${consolePort}`;
  const config: EcomConfig = {
    ...home.config,
    postgres: { ...home.config.postgres, url: db.url },
    api: {
      ...home.config.api,
      port: apiPort,
      key: testApiKey,
      corsOrigins: [dashboardUrl, consoleUrl],
      rateLimitPerMinute: 0,
    },
    dashboard: { port: dashboardPort },
    console: { port: consolePort },
  };
  // the API's own login, as ./ecom up runs it
  const pool = createPool(db.readerUrl, { max: 4 });
  const servers: FastifyInstance[] = [];
  const api = await buildApp({ config, pool, databaseUrl: db.readerUrl, heartbeatMs: 5000 });
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
    admin: db.pool,
    apiUrl: `http://localhost:${apiPort}`,
    dashboardUrl,
    consoleUrl,
    async close() {
      for (const server of servers.reverse()) await server.close().catch(() => undefined);
      await pool.end().catch(() => undefined);
      await db.drop();
      home.remove();
    },
  };
}
