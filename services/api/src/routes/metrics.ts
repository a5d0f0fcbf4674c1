import type { App } from "../deps.js";
import type { Metrics } from "../metrics.js";

export function metricsRoutes(app: App, metrics: Metrics): void {
  app.get(
    "/metrics",
    {
      config: { rateLimit: false },
      schema: {
        operationId: "getMetrics",
        tags: ["service"],
        summary: "Prometheus metrics (text exposition format)",
        response: {
          200: {
            description: "Prometheus text format",
            content: { "text/plain": { schema: { type: "string" } } },
          },
        },
      },
    },
    async (_request, reply) => {
      reply.type(metrics.registry.contentType);
      return metrics.registry.metrics();
    },
  );
}
