import { listAlerts, transitionAlert } from "../alert-queries.js";
import { decodeCursor } from "../cursor.js";
import type { App, Deps } from "../deps.js";
import { apiErrorCodes, badRequest, notFound } from "../errors.js";
import { parseInstant } from "../range.js";
import { AlertIdParams, AlertPageSchema, AlertQuery, AlertSchema, ApiKeyHeaders } from "../schemas/alerts.js";
import { jsonResponse, problemResponses } from "../schemas/common.js";

/** The alert id of a path that matched the id pattern; beyond 2^53 it is not an id we issue. */
function alertId(digits: string): number {
  const id = Number(digits);
  if (!Number.isSafeInteger(id)) throw notFound(`alert ${digits} does not exist`);
  return id;
}

export function alertRoutes(app: App, deps: Deps): void {
  app.get(
    "/v1/alerts",
    {
      schema: {
        operationId: "listAlerts",
        tags: ["alerts"],
        summary: "Alerts, newest first, with cursor pagination",
        querystring: AlertQuery,
        response: { 200: jsonResponse("one page of alerts", AlertPageSchema), ...problemResponses },
      },
    },
    async (request) => {
      const q = request.query;
      const from = q.from === undefined ? undefined : parseInstant("from", q.from);
      const to = q.to === undefined ? undefined : parseInstant("to", q.to);
      if (from && to && from.getTime() >= to.getTime()) {
        throw badRequest(`from (${q.from}) must be before to (${q.to})`, apiErrorCodes.range);
      }
      return listAlerts(deps.pool, {
        status: q.status,
        severity: q.severity,
        metric: q.metric,
        from,
        to,
        after: q.cursor === undefined ? undefined : decodeCursor(q.cursor),
        limit: q.limit ?? 50,
      });
    },
  );

  for (const [action, target] of [
    ["acknowledge", "acknowledged"],
    ["resolve", "resolved"],
  ] as const) {
    app.post(
      `/v1/alerts/:id/${action}`,
      {
        // after the rate limiter (onRequest), so wrong keys count against it too
        preValidation: deps.checkKey,
        schema: {
          operationId: `${action}Alert`,
          tags: ["alerts"],
          summary: `Mark an alert ${target} (needs x-api-key)`,
          description:
            target === "acknowledged"
              ? "open -> acknowledged; acknowledging an acknowledged alert changes nothing; a resolved one is 409."
              : "open or acknowledged -> resolved; resolving a resolved alert changes nothing.",
          params: AlertIdParams,
          headers: ApiKeyHeaders,
          security: [{ apiKey: [] }],
          response: { 200: jsonResponse(`the alert, now ${target}`, AlertSchema), ...problemResponses },
        },
      },
      async (request) => transitionAlert(deps.pool, alertId(request.params.id), target),
    );
  }
}
