import type { App, Deps } from "../deps.js";
import { kpiLatest, kpiSeries } from "../kpi-queries.js";
import { resolveRange } from "../range.js";
import { jsonResponse, problemResponses, RangeQuery } from "../schemas/common.js";
import { KpiLatestSchema, KpiSeriesSchema } from "../schemas/kpis.js";

export function kpiRoutes(app: App, deps: Deps): void {
  app.get(
    "/v1/kpis",
    {
      schema: {
        operationId: "getKpis",
        tags: ["kpis"],
        summary: "KPI time series rolled up server-side",
        description:
          "Counts and revenue are summed over each bucket and the ratios recomputed from the sums " +
          "(aov = revenue/purchases, payment_failure_rate = failures/(purchases+failures), " +
          "conversion = purchases/unique_sessions). Distinct users and sessions of a bucket are the " +
          "sum of the per-minute values, an upper bound, so a bucket's conversion is a lower bound. " +
          "Ranges: at most 7 days at 1m, 14 days at 5m, 31 days at 15m and 1h.",
        querystring: RangeQuery,
        response: { 200: jsonResponse("buckets, oldest first", KpiSeriesSchema), ...problemResponses },
      },
    },
    async (request, reply) => {
      const range = resolveRange(request.query, deps.now());
      const from = range.from.toISOString();
      const to = range.to.toISOString();
      reply.type("application/json; charset=utf-8");
      const body = await deps.cache.get(`kpis ${from} ${to} ${range.step}`, async () => {
        const buckets = await kpiSeries(deps.pool, range);
        return String(
          reply.serializeInput({ from, to, step: range.step, buckets }, "200", "application/json"),
        );
      });
      // a string with a JSON content type is sent as it is: the route's serializer made it above
      return reply.send(body as never);
    },
  );

  app.get(
    "/v1/kpis/latest",
    {
      schema: {
        operationId: "getKpisLatest",
        tags: ["kpis"],
        summary: "The newest minute, with the last hour next to the hour before",
        response: { 200: jsonResponse("latest values", KpiLatestSchema), ...problemResponses },
      },
    },
    async () => kpiLatest(deps.pool),
  );
}
