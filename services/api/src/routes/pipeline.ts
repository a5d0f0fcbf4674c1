import type { App, Deps } from "../deps.js";
import { pipelineStatus } from "../pipeline-queries.js";
import { jsonResponse, problemResponses } from "../schemas/common.js";
import { PipelineSchema } from "../schemas/pipeline.js";

export function pipelineRoutes(app: App, deps: Deps): void {
  app.get(
    "/v1/pipeline",
    {
      schema: {
        operationId: "getPipeline",
        tags: ["pipeline"],
        summary: "Per stage: last batch, input rate, lag in records, freshness",
        description:
          "Figures come from serving.pipeline_stage (kept by the loader); a stage without a row there " +
          "is probed on its /health port (lag is then unknown), and a stage that does not answer is " +
          "reported with source `none`.",
        response: { 200: jsonResponse("the pipeline's stages", PipelineSchema), ...problemResponses },
      },
    },
    async () => pipelineStatus(deps.pool, deps.config, deps.probeStage, deps.now()),
  );
}
