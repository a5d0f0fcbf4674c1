import type { App, Deps } from "../deps.js";
import { ApiError, apiErrorCodes, unavailable } from "../errors.js";
import type { Metrics } from "../metrics.js";
import { problemResponses } from "../schemas/common.js";
import { StreamEventSchema } from "../schemas/stream.js";
import type { ServingChange } from "../serving-listener.js";

const frame = (change: ServingChange | { event: "ready"; data: { at: string } }) =>
  `event: ${change.event}\ndata: ${JSON.stringify(change.data)}\n\n`;

/**
 * Bytes a stream may hold unsent; beyond, its client is dropped at once (memory stays bounded even
 * within the drain time). Far above a burst: a restated hour is about 40 KB of messages.
 */
const maxUnsentBytes = 8 * 1024 * 1024;

/**
 * `GET /v1/stream`: Server-Sent Events of new and changed KPI minutes and alerts. One listener on
 * the serving listener fans changes out to every open stream. At most `deps.maxStreams` are open
 * (503 beyond); a client that leaves the server's writes unread for `deps.streamDrainMs` (or lets
 * more than 8 MiB pile up) is dropped.
 */
export function streamRoutes(app: App, deps: Deps, metrics: Metrics): void {
  const streams = new Set<{ write(text: string): void; end(): void }>();
  let starting = 0;
  deps.listener.on("change", (change) => {
    const text = frame(change);
    for (const stream of [...streams]) stream.write(text);
  });
  app.addHook("preClose", async () => {
    for (const stream of [...streams]) stream.end();
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
          "and an `alert` message per raised or changed alert; each message's `data` is one JSON " +
          "object, sent as text. A comment line every 15 s keeps proxies from closing the stream. After " +
          "a reconnect, refetch /v1/kpis and /v1/alerts for what was missed. 503 when Postgres cannot " +
          "be reached or ECOM_API_MAX_STREAMS streams are open; a client that does not read what is " +
          "sent is disconnected.",
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
      if (streams.size + starting >= deps.maxStreams) {
        metrics.sseRejected.inc();
        reply.header("retry-after", "5");
        throw new ApiError(
          apiErrorCodes.unavailable,
          503,
          `${deps.maxStreams} streams are open, the most this API serves (ECOM_API_MAX_STREAMS); retry later`,
        );
      }
      starting += 1;
      try {
        await deps.listener.ensureListening();
      } catch (error) {
        throw unavailable(`cannot listen for changes in Postgres: ${(error as Error).message}`, error);
      } finally {
        starting -= 1;
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
      // HEAD has no body: the headers say it all, and no stream is held open for it
      if (request.method === "HEAD") {
        raw.end();
        return;
      }
      metrics.sseClients.inc();
      metrics.sseOpen.inc();

      let drainTimer: NodeJS.Timeout | undefined;
      const stream = {
        write(text: string): void {
          if (raw.destroyed || raw.writableEnded) return;
          if (raw.writableLength > maxUnsentBytes) {
            drop();
            return;
          }
          if (raw.write(text) || drainTimer) return;
          drainTimer = setTimeout(drop, deps.streamDrainMs);
          raw.once("drain", () => {
            clearTimeout(drainTimer);
            drainTimer = undefined;
          });
        },
        end(): void {
          if (!streams.delete(stream)) return;
          clearInterval(heartbeat);
          clearTimeout(drainTimer);
          metrics.sseOpen.dec();
          raw.end();
        },
      };
      const drop = () => {
        if (!streams.has(stream)) return;
        metrics.sseDropped.inc();
        request.log.info("dropped a stream client that did not read what was sent");
        stream.end();
        raw.destroy();
      };
      const heartbeat = setInterval(() => stream.write(": ping\n\n"), deps.heartbeatMs);
      streams.add(stream);
      stream.write(`retry: 3000\n\n${frame({ event: "ready", data: { at: deps.now().toISOString() } })}`);
      request.raw.on("close", stream.end);
      raw.on("close", stream.end);
      raw.on("error", stream.end);
    },
  );
}
