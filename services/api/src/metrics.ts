import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import type { App } from "./deps.js";

export interface Metrics {
  registry: Registry;
  sseClients: Counter;
  sseOpen: Gauge;
  /** Streams refused at the cap (ECOM_API_MAX_STREAMS). */
  sseRejected: Counter;
  /** Streams ended because the client left the server's writes unread. */
  sseDropped: Counter;
  kpiCache: Counter<"result">;
}

/**
 * Request duration by route template (never the raw URL: low cardinality), method and status class;
 * a registry per app so several apps (tests) never collide.
 */
export function installMetrics(app: App): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "ecom_api_" });
  const duration = new Histogram({
    name: "ecom_api_request_duration_seconds",
    help: "HTTP request duration by route template, method and status class",
    labelNames: ["route", "method", "status"],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const sseClients = new Counter({
    name: "ecom_api_stream_connections_total",
    help: "Server-Sent Events connections opened on /v1/stream",
    registers: [registry],
  });
  const sseOpen = new Gauge({
    name: "ecom_api_stream_open_connections",
    help: "Server-Sent Events connections open on /v1/stream",
    registers: [registry],
  });
  const sseRejected = new Counter({
    name: "ecom_api_stream_rejected_total",
    help: "Server-Sent Events connections refused with 503: ECOM_API_MAX_STREAMS were open",
    registers: [registry],
  });
  const sseDropped = new Counter({
    name: "ecom_api_stream_dropped_total",
    help: "Server-Sent Events connections ended because the client did not read what was sent",
    registers: [registry],
  });
  const kpiCache = new Counter({
    name: "ecom_api_kpi_cache_lookups_total",
    help: "KPI series requests answered from the response cache (hit) or computed (miss)",
    labelNames: ["result"] as const,
    registers: [registry],
  });
  app.addHook("onResponse", async (request, reply) => {
    const route = request.routeOptions.url ?? "unmatched";
    duration.observe(
      { route, method: request.method, status: `${Math.floor(reply.statusCode / 100)}xx` },
      reply.elapsedTime / 1000,
    );
  });
  return { registry, sseClients, sseOpen, sseRejected, sseDropped, kpiCache };
}
