import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { allowedMethods } from "./allowed-methods.js";
import { ApiError, type ApiErrorCode, apiErrorCodes } from "./errors.js";
import { postgresUnavailable } from "./pg-errors.js";

export const problemContentType = "application/problem+json";

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  code: ApiErrorCode;
  requestId: string;
}

/** Renders any error as problem+json; a 5xx keeps its detail out of the body and in the log. */
export function toProblem(error: unknown, request: FastifyRequest): Problem {
  const api = normalize(error);
  return {
    type: `https://ecomstream.dev/problems/${api.code.replace(/^API_ERR_/, "").toLowerCase()}`,
    title: api.title,
    status: api.statusCode,
    detail: api.statusCode >= 500 && api.code === apiErrorCodes.internal ? "unexpected error" : api.message,
    instance: request.url.split("?")[0] ?? "/",
    code: api.code,
    requestId: String(request.id),
  };
}

/** Maps Fastify's and plugins' errors to coded ApiErrors (tRPC's getTRPCErrorFromUnknown, here). */
export function normalize(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  const e = error as Partial<FastifyError>;
  if (e && typeof e === "object" && Array.isArray(e.validation)) {
    return new ApiError(apiErrorCodes.validation, 400, validationDetail(e as FastifyError));
  }
  const dependency = postgresUnavailable(error);
  if (dependency) return dependency;
  const status = typeof e?.statusCode === "number" ? e.statusCode : 500;
  if (status === 429) return new ApiError(apiErrorCodes.rateLimited, 429, e.message ?? "rate limited");
  if (status === 404) return new ApiError(apiErrorCodes.notFound, 404, e.message ?? "not found");
  if (status >= 400 && status < 500) {
    // body parser, content type, payload size: the client's fault, said plainly
    return new ApiError(apiErrorCodes.validation, status, e.message ?? "invalid request");
  }
  return new ApiError(apiErrorCodes.internal, 500, e?.message ?? String(error), { cause: error });
}

export function sendProblem(reply: FastifyReply, problem: Problem): FastifyReply {
  return reply.code(problem.status).type(problemContentType).send(problem);
}

/**
 * Error and not-found handlers: problem+json everywhere. A known path asked with a method it does
 * not answer is a 405 with `Allow`.
 */
export function installProblemHandlers(app: FastifyInstance): void {
  const methodsOf = allowedMethods(app);
  const unrouted = (request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split("?")[0] ?? "/";
    const allowed = methodsOf(path);
    if (allowed.length === 0)
      return sendProblem(reply, toProblem(notFoundRoute(request.method, path), request));
    reply.header("allow", allowed.join(", "));
    const detail = `${path} answers ${allowed.join(", ")}, not ${request.method}`;
    return sendProblem(reply, toProblem(new ApiError(apiErrorCodes.methodNotAllowed, 405, detail), request));
  };
  app.setErrorHandler((error, request, reply) => {
    // an unrouted request whose body could not be parsed (QUERY without a content type) is still a 404/405
    if (request.is404) return unrouted(request, reply);
    const problem = toProblem(error, request);
    if (problem.status >= 500) request.log.error({ err: error }, "request failed");
    return sendProblem(reply, problem);
  });
  app.setNotFoundHandler(unrouted);
}

const notFoundRoute = (method: string, path: string) =>
  new ApiError(apiErrorCodes.notFound, 404, `no route ${method} ${path}`);

/** `querystring/step must be equal to one of the allowed values: 1m, 5m, 15m, 1h`. */
function validationDetail(error: FastifyError): string {
  const first = error.validation?.[0];
  if (!first) return error.message;
  const where = `${error.validationContext ?? "request"}${first.instancePath ?? ""}`;
  const params = first.params as Record<string, unknown>;
  const extra = Array.isArray(params.allowedValues)
    ? `: ${params.allowedValues.join(", ")}`
    : typeof params.additionalProperty === "string"
      ? ` (${params.additionalProperty})`
      : "";
  return `${where} ${first.message ?? "is invalid"}${extra}`;
}
