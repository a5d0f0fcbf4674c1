import { lakeStore } from "@ecomstream/lake";
import type { EcomConfig } from "@ecomstream/runtime";
import Fastify, { type FastifyInstance } from "fastify";
import { distDir } from "./bundle.js";
import { ConsoleData } from "./console/console-data.js";
import { KafkaBrowser, UnknownTopicError } from "./console/kafka-browser.js";
import type { BrowseMode } from "./console/types.js";
import { hostOf, serveApp } from "./static-app.js";

export interface ConsoleServerOptions {
  config: EcomConfig;
  dist?: string;
}

class BadQuery extends Error {}

const intParam = (name: string, value: string | undefined, min: number, max: number, fallback?: number) => {
  if (value === undefined || value === "") {
    if (fallback === undefined) throw new BadQuery(`${name} is required`);
    return fallback;
  }
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new BadQuery(`${name}=${value} must be an integer from ${min} to ${max}`);
  return n;
};

/**
 * The topic console: Kafka topics with their offsets and throughput, consumer groups and Spark
 * queries with their lag, and a message browser, as JSON under /api and as a page. Not listening yet.
 */
export async function buildConsoleServer(options: ConsoleServerOptions): Promise<FastifyInstance> {
  const { config } = options;
  const kafka = new KafkaBrowser(config.kafka.bootstrap);
  const data = new ConsoleData(kafka, config.checkpoints.uri, lakeStore(config));
  const app = Fastify({ logger: false });
  app.addHook("onClose", async () => kafka.close());
  app.setErrorHandler((error, _request, reply) => {
    const status = error instanceof BadQuery ? 400 : error instanceof UnknownTopicError ? 404 : 502;
    const message =
      status === 502
        ? `Kafka at ${config.kafka.bootstrap}: ${(error as Error).message}`
        : (error as Error).message;
    return reply.code(status).send({ message });
  });

  app.get("/health", async () => ({
    healthy: true,
    service: "topic-console",
    kafka: config.kafka.bootstrap,
  }));
  app.get("/api/topics", async () => data.topics());
  app.get("/api/groups", async () => data.groups());
  app.get<{ Querystring: Record<string, string | undefined> }>("/api/messages", async (request) => {
    const q = request.query;
    if (!q.topic) throw new BadQuery("topic is required");
    const mode = (q.mode ?? "latest") as BrowseMode;
    if (!["latest", "offset", "timestamp"].includes(mode))
      throw new BadQuery(`mode=${mode} must be latest, offset or timestamp`);
    let timestamp: number | undefined;
    if (mode === "timestamp") {
      timestamp = Date.parse(q.timestamp ?? "");
      if (Number.isNaN(timestamp))
        throw new BadQuery(`timestamp=${q.timestamp ?? ""} is not an ISO-8601 instant`);
    }
    return kafka.browse({
      topic: q.topic,
      mode,
      partition:
        q.partition === undefined || q.partition === ""
          ? undefined
          : intParam("partition", q.partition, 0, 100_000),
      limit: intParam("limit", q.limit, 1, 500, 20),
      offset: mode === "offset" ? intParam("offset", q.offset, 0, Number.MAX_SAFE_INTEGER) : undefined,
      timestamp,
      key: q.key === undefined || q.key === "" ? undefined : q.key,
      scanLimit: intParam("scan", q.scan, 1, 1_000_000, 20_000),
    });
  });

  await serveApp(app, options.dist ?? distDir(), (request) => {
    const host = hostOf(request);
    return {
      mode: "console",
      apiUrl: `http://${host}:${config.api.port}`,
      dashboardUrl: `http://${host}:${config.dashboard.port}`,
      consoleUrl: `http://${host}:${config.console.port}`,
    };
  });
  return app;
}
