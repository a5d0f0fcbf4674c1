import type { App, Deps } from "../deps.js";
import { lakeHealth, lakePartitions } from "../lake-queries.js";
import { resolveHourRange } from "../range.js";
import { jsonResponse, problemResponses } from "../schemas/common.js";
import { LakePartitionsQuery, LakePartitionsSchema, LakeSchema } from "../schemas/lake.js";

export function lakeRoutes(app: App, deps: Deps): void {
  app.get(
    "/v1/lake",
    {
      schema: {
        operationId: "getLake",
        tags: ["lake"],
        summary: "Per lake layer: files, bytes, partitions and their age, and the last compaction",
        description:
          "Figures come from serving.lake_table, which the lake-ops service rewrites every minute: " +
          "the data files readers read (committed by the streaming sinks, less those a compaction " +
          "superseded, plus those it wrote). Every layer is listed; one lake-ops has not measured yet " +
          "has zeros and `updated_at` null. Ages are seconds from the start of a partition's hour to now.",
        response: { 200: jsonResponse("every layer, in data-flow order", LakeSchema), ...problemResponses },
      },
    },
    async () => lakeHealth(deps.pool, deps.now()),
  );

  app.get(
    "/v1/lake/partitions",
    {
      schema: {
        operationId: "getLakePartitions",
        tags: ["lake"],
        summary: "One layer's hour partitions: files, bytes, compacted, age",
        description:
          "From serving.lake_partition (kept by lake-ops). `from` is floored and `to` ceiled to the " +
          "hour; default: the 24 hours before now. At most 31 days; an inverted or wider range is 400.",
        querystring: LakePartitionsQuery,
        response: {
          200: jsonResponse("hour partitions, oldest first", LakePartitionsSchema),
          ...problemResponses,
        },
      },
    },
    async (request) => {
      const now = deps.now();
      const range = resolveHourRange(request.query, now);
      return lakePartitions(deps.pool, request.query.layer, range, now);
    },
  );
}
