import type { App, Deps } from "../deps.js";
import { unavailable } from "../errors.js";
import type { Metrics } from "../metrics.js";
import { problemResponses } from "../schemas/common.js";
import { StreamEventSchema } from "../schemas/stream.js";
import type { ServingChange } from "../serving-listener.js";

const frame = (change: ServingChange | { event: "ready"; data: { at: string } }) =>
  `event: ${change.event}\ndata: ${JSON.stringify(change.data)}\n\n`;

/** `GET /v1/stream`: Server-Sent Events of new and changed KPI minutes and alerts. */
export function streamRoutes(app: App, deps: Deps, metrics: Metrics): void {
  const open = new Set<() => void>();
  app.addHook("preClose", async () => {
    for (const end of [...open]) end();
  });

  app.get(
    "/v1/stream",
    {
      schema: {
        operationId: "getStream",
        tags: ["pipeline"],
        summary: "Server-Sent Events: new and changed KPI minutes and alerts",
        description:
          "A `ready` message first, then a `kpi` message per added or changed serving.kpi_minute row " +
          "and an `alert` message per raised or changed alert, each `data` one JSON object; a comment " +
          "line every 15 s keeps proxies from closing the stream. After a reconnect, refetch " +
          "/v1/kpis and /v1/alerts for what was missed. 503 when Postgres cannot be reached.",
        response: {
          200: {
            description: "an endless text/event-stream; each message is one StreamEvent",
            content: { "text/event-stream": { schema: StreamEventSchema } },
          },
          ...problemResponses,
        },
      },
    },
    async (request, reply) => {
      try {
        await deps.listener.ensureListening();
      } catch (error) {
        throw unavailable(`cannot listen for changes in Postgres: ${(error as Error).message}`, error);
      }
      const raw = reply.raw;
      // headers set by hooks (CORS, request id) are written by hand: the reply is hijacked
      for (const [name, value] of Object.entries(reply.getHeaders())) {
        if (value !== undefined) raw.setHeader(name, typeof value === "number" ? String(value) : value);
      }
      reply.hijack();
      raw.writeHead(200, {
        "x-request-id": String(request.id),
        "content-type": "text/event-stream; charset=utf-8",
        "cache-control": "no-cache, no-transform",
        connection: "keep-alive",
        "x-accel-buffering": "no",
      });
      raw.write(`retry: 3000\n\n${frame({ event: "ready", data: { at: deps.now().toISOString() } })}`);
      metrics.sseClients.inc();
      metrics.sseOpen.inc();

      const send = (change: ServingChange) => raw.write(frame(change));
      const heartbeat = setInterval(() => raw.write(": ping\n\n"), deps.heartbeatMs);
      const end = () => {
        if (!open.delete(end)) return;
        clearInterval(heartbeat);
        deps.listener.off("change", send);
        metrics.sseOpen.dec();
        raw.end();
      };
      open.add(end);
      deps.listener.on("change", send);
      request.raw.on("close", end);
      raw.on("error", end);
    },
  );
}
