import { Type } from "@sinclair/typebox";
import { DateTime, Nullable, StringEnum } from "./common.js";

export const stageSources = ["table", "health", "none"] as const;

export const PipelineStageSchema = Type.Object(
  {
    stage: Type.String({ description: "the stage's service name (bronze-writer, …, loader)" }),
    source: StringEnum(
      stageSources,
      "where the figures come from: serving.pipeline_stage, the stage's /health, or nowhere (down)",
    ),
    healthy: Nullable(Type.Boolean({ description: "the stage's own verdict (null when unknown)" })),
    last_batch_at: Nullable(DateTime("when the stage last completed a batch")),
    input_rows_per_second: Nullable(Type.Number({ minimum: 0, description: "input rate of the last batch" })),
    lag_records: Nullable(Type.Integer({ minimum: 0, description: "records waiting upstream of the stage" })),
    freshness_seconds: Nullable(
      Type.Number({
        minimum: 0,
        description: "age in seconds of the newest data the stage processed (a stored figure aged to now)",
      }),
    ),
    updated_at: Nullable(DateTime("when these figures were taken")),
    detail: Nullable(Type.String({ description: "an error or note about the stage" })),
  },
  { title: "PipelineStage", additionalProperties: false },
);

export const PipelineSchema = Type.Object(
  {
    checked_at: DateTime("when the API answered"),
    stages: Type.Array(PipelineStageSchema, { description: "in data-flow order" }),
    serving: Type.Object(
      {
        newest_window_end: Nullable(DateTime("end of the newest minute in serving.kpi_minute")),
        last_update_at: Nullable(DateTime("when serving.kpi_minute last changed")),
        freshness_seconds: Nullable(
          Type.Number({ minimum: 0, description: "seconds since serving.kpi_minute last changed" }),
        ),
      },
      { additionalProperties: false },
    ),
  },
  { title: "Pipeline", additionalProperties: false },
);
