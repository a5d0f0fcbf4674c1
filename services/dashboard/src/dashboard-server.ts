import type { EcomConfig } from "@ecomstream/runtime";
import Fastify, { type FastifyInstance } from "fastify";
import { distDir } from "./bundle.js";
import { hostOf, serveApp } from "./static-app.js";

export interface DashboardServerOptions {
  config: EcomConfig;
  /** Built app folder (default services/dashboard/dist). */
  dist?: string;
  /** The API as the browser reaches it (default: the page's host name on ECOM_API_PORT). */
  apiUrl?: string;
}

/** The dashboard's server: the built app, /config.json (where the API is) and /health. Not listening yet. */
export async function buildDashboardServer(options: DashboardServerOptions): Promise<FastifyInstance> {
  const { config } = options;
  const app = Fastify({ logger: false });
  app.get("/health", async () => ({ healthy: true, service: "dashboard" }));
  await serveApp(app, options.dist ?? distDir(), (request) => {
    const host = hostOf(request);
    return {
      mode: "dashboard",
      apiUrl: options.apiUrl ?? `http://${host}:${config.api.port}`,
      dashboardUrl: `http://${host}:${config.dashboard.port}`,
      consoleUrl: `http://${host}:${config.console.port}`,
    };
  });
  return app;
}
