import { randomUUID } from "node:crypto";
import { type EcomConfig, roleDatabaseUrl } from "@ecomstream/runtime";
import cors from "@fastify/cors";
import rateLimit from "@fastify/rate-limit";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import Fastify, { type FastifyServerOptions, LogController } from "fastify";
import { requireApiKey } from "./api-key.js";
import type { Pool } from "./db.js";
import type { App, Deps } from "./deps.js";
import { ApiError, apiErrorCodes, badRequest } from "./errors.js";
import { defaultKeyAttemptLimit, type KeyAttemptLimit, KeyAttempts } from "./key-attempts.js";
import { installMetrics, type Metrics } from "./metrics.js";
import { openapiInfo } from "./openapi.js";
import { httpStageProbe, type StageProbe } from "./pipeline-probe.js";
import { installProblemHandlers, sendProblem, toProblem } from "./problem.js";
import { ResponseCache } from "./response-cache.js";
import { alertRoutes } from "./routes/alerts.js";
import { breakdownRoutes } from "./routes/breakdowns.js";
import { healthRoutes } from "./routes/health.js";
import { kpiRoutes } from "./routes/kpis.js";
import { lakeRoutes } from "./routes/lake.js";
import { metricsRoutes } from "./routes/metrics.js";
import { pipelineRoutes } from "./routes/pipeline.js";
import { qualityRoutes } from "./routes/quality.js";
import { sessionRoutes } from "./routes/sessions.js";
import { streamRoutes } from "./routes/stream.js";
import type { SampleSource } from "./samples.js";
import { ServingListener } from "./serving-listener.js";
import { sparkSampleSource } from "./spark-samples.js";

export interface BuildOptions {
  config: EcomConfig;
  pool: Pool;
  /** The database URL the LISTEN connection of /v1/stream opens (default: the ecom_reader login). */
  databaseUrl?: string;
  /** Fastify's logger option: false (default in tests), true, or pino options. */
  logger?: FastifyServerOptions["logger"];
  now?: () => Date;
  samples?: SampleSource;
  probeStage?: StageProbe;
  heartbeatMs?: number;
  /** Wrong API keys one client may send per window (default 10 a minute). */
  keyAttempts?: KeyAttemptLimit;
  /** How long a stream client may leave writes unread before it is dropped (default 10 s). */
  streamDrainMs?: number;
}

/** Secrets never reach the logs, whatever a serializer decides to print. */
export const redactPaths = ['req.headers["x-api-key"]', "req.headers.authorization", "req.headers.cookie"];

/** Builds the API without listening (tests use `app.inject()`; main.ts listens). */
export async function buildApp(options: BuildOptions): Promise<App & { metrics: Metrics }> {
  const { config } = options;
  const app = Fastify({
    logger: options.logger ?? false,
    // normal operation logs nothing: a request is logged at debug, a failure at error
    logController: new LogController({ disableRequestLogging: true }),
    // a caller's x-request-id is kept when it is a short token, else one is assigned
    requestIdHeader: false,
    genReqId: (request) => {
      const given = request.headers["x-request-id"];
      return typeof given === "string" && /^[\w.:-]{1,128}$/.test(given) ? given : randomUUID();
    },
    routerOptions: { maxParamLength: 200 },
    // a malformed URL or an over-long path parameter is a problem+json too
    frameworkErrors: (error, request, reply) => sendProblem(reply, toProblem(error, request)),
    ajv: { customOptions: { removeAdditional: false, coerceTypes: "array", allErrors: false } },
  }).withTypeProvider<TypeBoxTypeProvider>() as App;

  installProblemHandlers(app);
  const metrics = installMetrics(app);
  const listener = new ServingListener(
    options.databaseUrl ?? roleDatabaseUrl(config, "ecom_reader"),
    options.pool,
  );
  const deps: Deps = {
    config,
    pool: options.pool,
    now: options.now ?? (() => new Date()),
    samples: options.samples ?? sparkSampleSource(config),
    probeStage: options.probeStage ?? httpStageProbe(),
    listener,
    cache: new ResponseCache(listener, config.api.cacheMb * 1024 * 1024, (result) =>
      metrics.kpiCache.inc({ result }),
    ),
    heartbeatMs: options.heartbeatMs ?? 15_000,
    maxStreams: config.api.maxStreams,
    streamDrainMs: options.streamDrainMs ?? 10_000,
    checkKey: requireApiKey(config.api.key, new KeyAttempts(options.keyAttempts ?? defaultKeyAttemptLimit)),
  };

  app.addHook("onSend", async (request, reply) => {
    reply.header("x-request-id", request.id);
  });
  // ajv coerces "Infinity" and "1e309" to an integer that skips minimum/maximum: refuse them here
  app.addHook("preHandler", async (request) => {
    for (const [part, values] of [
      ["querystring", request.query],
      ["params", request.params],
    ] as const) {
      if (!values || typeof values !== "object") continue;
      for (const [name, value] of Object.entries(values)) {
        if (typeof value === "number" && !Number.isFinite(value)) {
          throw badRequest(`${part}/${name} must be a finite number`);
        }
      }
    }
  });
  app.addHook("onResponse", async (request, reply) => {
    request.log.debug({ status: reply.statusCode, ms: Math.round(reply.elapsedTime) }, "request done");
  });

  await app.register(cors, {
    origin: config.api.corsOrigins,
    methods: ["GET", "POST", "OPTIONS"],
    allowedHeaders: ["content-type", "x-api-key", "x-request-id", "last-event-id"],
    exposedHeaders: ["x-request-id"],
  });
  if (config.api.rateLimitPerMinute > 0) {
    await app.register(rateLimit, {
      max: config.api.rateLimitPerMinute,
      timeWindow: "1 minute",
      errorResponseBuilder: (_request, context) =>
        new ApiError(
          apiErrorCodes.rateLimited,
          429,
          `more than ${context.max} requests per ${context.after}; retry later`,
        ),
    });
  }
  await app.register(swagger, { openapi: openapiInfo() });
  await app.register(swaggerUi, { routePrefix: "/docs" });

  healthRoutes(app, deps);
  kpiRoutes(app, deps);
  breakdownRoutes(app, deps);
  sessionRoutes(app, deps);
  alertRoutes(app, deps);
  qualityRoutes(app, deps);
  pipelineRoutes(app, deps);
  lakeRoutes(app, deps);
  streamRoutes(app, deps, metrics);
  metricsRoutes(app, metrics);
  app.get("/openapi.json", { schema: { hide: true }, config: { rateLimit: false } }, async () =>
    app.swagger(),
  );

  app.addHook("onClose", async () => {
    await Promise.all([deps.samples.close(), deps.listener.close()]);
  });
  return Object.assign(app, { metrics });
}
