import { categoryEventTypes } from "@ecomstream/contracts";
import { breakdownSeries, topProducts } from "../breakdown-queries.js";
import type { App, Deps } from "../deps.js";
import { resolveHourRange, resolveRange } from "../range.js";
import {
  BreakdownQuery,
  BreakdownSchema,
  TopProductsQuery,
  TopProductsSchema,
} from "../schemas/breakdowns.js";
import { jsonResponse, problemResponses } from "../schemas/common.js";

export function breakdownRoutes(app: App, deps: Deps): void {
  app.get(
    "/v1/kpis/breakdown",
    {
      schema: {
        operationId: "getKpisBreakdown",
        tags: ["breakdowns"],
        summary: "KPI time series per country, device or category, rolled up server-side",
        description:
          "From gold's kpi_dim_minute: the `limit` values of the dimension with the most events over " +
          "the range, each with its buckets (counts and revenue summed; distinct sessions summed per " +
          "minute, an upper bound). For every additive measure, the values of a dimension add up to " +
          `/v1/kpis. Category rows only carry ${categoryEventTypes.join("/")} measures: on them ` +
          "events counts those events only, and checkouts, purchases, payment_failures and revenue_usd " +
          "are null (other events have no category). Same range rules as /v1/kpis.",
        querystring: BreakdownQuery,
        response: { 200: jsonResponse("values, most events first", BreakdownSchema), ...problemResponses },
      },
    },
    async (request, reply) => {
      const range = resolveRange(request.query, deps.now());
      const { dimension } = request.query;
      const limit = request.query.limit ?? 10;
      const from = range.from.toISOString();
      const to = range.to.toISOString();
      reply.type("application/json; charset=utf-8");
      const body = await deps.cache.get(
        `breakdown ${dimension} ${from} ${to} ${range.step} ${limit}`,
        async () => {
          const series = await breakdownSeries(deps.pool, dimension, range, limit);
          return String(
            reply.serializeInput(
              { from, to, step: range.step, dimension, series },
              "200",
              "application/json",
            ),
          );
        },
      );
      // a string with a JSON content type is sent as it is: the route's serializer made it above
      return reply.send(body as never);
    },
  );

  app.get(
    "/v1/products/top",
    {
      schema: {
        operationId: "getTopProducts",
        tags: ["breakdowns"],
        summary: "The products most viewed or most added to carts",
        description:
          "From gold's product_hour, summed over the hours of the range (from floored and to ceiled " +
          "to the hour; default the last 24 hours; at most 31 days). Distinct sessions are summed " +
          "per hour, an upper bound.",
        querystring: TopProductsQuery,
        response: { 200: jsonResponse("products, best first", TopProductsSchema), ...problemResponses },
      },
    },
    async (request, reply) => {
      const range = resolveHourRange(request.query, deps.now());
      const by = request.query.by ?? "views";
      const limit = request.query.limit ?? 10;
      const from = range.from.toISOString();
      const to = range.to.toISOString();
      reply.type("application/json; charset=utf-8");
      const body = await deps.cache.get(`products ${by} ${from} ${to} ${limit}`, async () => {
        const items = await topProducts(deps.pool, range, by, limit);
        return String(reply.serializeInput({ from, to, by, items }, "200", "application/json"));
      });
      return reply.send(body as never);
    },
  );
}
