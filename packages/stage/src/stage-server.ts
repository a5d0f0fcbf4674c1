import { createServer, type Server } from "node:http";
import type { Registry } from "prom-client";

export interface StageHealth {
  healthy: boolean;
  [key: string]: unknown;
}

/** `/health` (JSON, 503 when unhealthy) and `/metrics` (Prometheus text) of a stage, on `host`. */
export function startStageServer(
  port: number,
  health: () => StageHealth,
  registry: Registry,
  host = "127.0.0.1",
): Promise<Server> {
  const server = createServer((request, response) => {
    const path = (request.url ?? "/").split("?")[0];
    if (path === "/health") {
      const body = health();
      response.writeHead(body.healthy ? 200 : 503, { "content-type": "application/json" });
      response.end(JSON.stringify(body));
      return;
    }
    if (path === "/metrics") {
      registry.metrics().then(
        (text) => {
          response.writeHead(200, { "content-type": registry.contentType });
          response.end(text);
        },
        (error: Error) => {
          response.writeHead(500, { "content-type": "text/plain" });
          response.end(error.message);
        },
      );
      return;
    }
    response.writeHead(404, { "content-type": "application/json" });
    response.end(JSON.stringify({ error: "not found", paths: ["/health", "/metrics"] }));
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve(server));
  });
}
