import { readFileSync } from "node:fs";
import type { SwaggerOptions } from "@fastify/swagger";

const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
  version: string;
};

/** The document's head; paths and schemas come from the routes' schemas. */
export function openapiInfo(): NonNullable<Extract<SwaggerOptions, { openapi?: unknown }>["openapi"]> {
  return {
    openapi: "3.1.0",
    info: {
      title: "ecomstream API",
      version: pkg.version,
      description:
        "Real-time e-commerce KPIs, alerts, data quality, pipeline and lake health. Errors are RFC 9457 " +
        "problem+json. Derived from packages/contracts (events v1).",
    },
    tags: [
      { name: "kpis", description: "per-minute KPIs and rollups" },
      { name: "breakdowns", description: "KPIs by country, device and category; top products" },
      { name: "sessions", description: "sessions (bounce, duration, conversion) and the purchase funnel" },
      { name: "alerts", description: "anomaly and data-quality alerts" },
      { name: "quality", description: "validation and quarantine" },
      { name: "pipeline", description: "stage health and live updates" },
      { name: "lake", description: "lake health: files, bytes and partitions per layer, compaction" },
      { name: "service", description: "liveness, readiness, metrics" },
    ],
    components: {
      securitySchemes: { apiKey: { type: "apiKey", in: "header", name: "x-api-key" } },
    },
  };
}

/** The document as committed: stable key order, two-space indent, trailing newline. */
export const renderOpenapi = (document: unknown): string => `${JSON.stringify(document, null, 2)}\n`;
