import type { App, Deps } from "../deps.js";
import { qualitySeries } from "../quality-queries.js";
import { resolveRange } from "../range.js";
import { maxSamples, sampleCacheSeconds } from "../samples.js";
import { ApiKeyHeaders } from "../schemas/alerts.js";
import { jsonResponse, problemResponses, RangeQuery } from "../schemas/common.js";
import { QualitySeriesSchema, SampleListSchema, SampleQuery } from "../schemas/quality.js";

export function qualityRoutes(app: App, deps: Deps): void {
  app.get(
    "/v1/quality",
    {
      schema: {
        operationId: "getQuality",
        tags: ["quality"],
        summary: "Records, valid, quarantined by reason, duplicates and late records per bucket",
        description: "Buckets of ingest time; same range rules as /v1/kpis.",
        querystring: RangeQuery,
        response: { 200: jsonResponse("buckets, oldest first", QualitySeriesSchema), ...problemResponses },
      },
    },
    async (request) => {
      const range = resolveRange(request.query, deps.now());
      const buckets = await qualitySeries(deps.pool, range);
      return { from: range.from.toISOString(), to: range.to.toISOString(), step: range.step, buckets };
    },
  );

  app.get(
    "/v1/quality/samples",
    {
      // raw payloads carry user and session ids: the API key is needed, as for alert actions
      preValidation: deps.checkKey,
      schema: {
        operationId: "getQualitySamples",
        tags: ["quality"],
        summary: "Recent quarantined records, read from the lake through Spark (needs x-api-key)",
        description:
          "Newest first; an empty list while the lake holds no quarantine. The raw payloads hold user " +
          "and session ids, so the API key is needed. Answers come from one Spark query (the newest " +
          `${maxSamples} of each reason), kept ${sampleCacheSeconds} s. 503 when Spark is down.`,
        querystring: SampleQuery,
        headers: ApiKeyHeaders,
        security: [{ apiKey: [] }],
        response: { 200: jsonResponse("samples, newest first", SampleListSchema), ...problemResponses },
      },
    },
    async (request) => ({
      items: await deps.samples.recent(request.query.reason, request.query.limit ?? 20),
    }),
  );
}
