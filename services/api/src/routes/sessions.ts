import { funnelSteps } from "@ecomstream/contracts";
import type { App, Deps } from "../deps.js";
import { jsonResponse, problemResponses } from "../schemas/common.js";
import {
  FunnelSchema,
  provisionalNote,
  SessionRangeQuery,
  SessionSummarySchema,
} from "../schemas/sessions.js";
import { funnel, resolveSessionRange, sessionSummary } from "../session-queries.js";

const rangeNote =
  "Sessions are counted where they start: those that started in [from, to) (from floored and to ceiled " +
  "to the minute; default the last 24 hours; at most 31 days). From gold's sessions (Spark session " +
  "windows per session_id with the gap ECOM_SESSION_GAP).";

export function sessionRoutes(app: App, deps: Deps): void {
  app.get(
    "/v1/sessions/summary",
    {
      schema: {
        operationId: "getSessionsSummary",
        tags: ["sessions"],
        summary: "Sessions: count, bounce rate, duration percentiles, conversion and revenue",
        description:
          `${rangeNote} A bounce is a one-event session; conversion is sessions with a purchase over ` +
          `sessions. The figures include provisional sessions (provisional_sessions says how many): ${provisionalNote}.`,
        querystring: SessionRangeQuery,
        response: { 200: jsonResponse("the sessions' figures", SessionSummarySchema), ...problemResponses },
      },
    },
    async (request, reply) => {
      const range = resolveSessionRange(request.query, deps.now());
      reply.type("application/json; charset=utf-8");
      const body = await deps.cache.get(
        `sessions ${range.from.toISOString()} ${range.to.toISOString()}`,
        async () =>
          String(reply.serializeInput(await sessionSummary(deps.pool, range), "200", "application/json")),
      );
      // a string with a JSON content type is sent as it is: the route's serializer made it above
      return reply.send(body as never);
    },
  );

  app.get(
    "/v1/funnel",
    {
      schema: {
        operationId: "getFunnel",
        tags: ["sessions"],
        summary: `How far sessions get: ${funnelSteps.join(" -> ")}`,
        description:
          `${rangeNote} A step counts the sessions that reached it and every earlier step (a session ` +
          "that purchased without viewing a product counts on no step), so counts never increase. " +
          "rate = sessions / the previous step's sessions; the first step's rate is 1, or null when no " +
          `session reached it; a rate after a step of 0 sessions is null. The steps include provisional sessions: ${provisionalNote}.`,
        querystring: SessionRangeQuery,
        response: { 200: jsonResponse("the funnel's steps in order", FunnelSchema), ...problemResponses },
      },
    },
    async (request, reply) => {
      const range = resolveSessionRange(request.query, deps.now());
      reply.type("application/json; charset=utf-8");
      const body = await deps.cache.get(
        `funnel ${range.from.toISOString()} ${range.to.toISOString()}`,
        async () => String(reply.serializeInput(await funnel(deps.pool, range), "200", "application/json")),
      );
      return reply.send(body as never);
    },
  );
}
