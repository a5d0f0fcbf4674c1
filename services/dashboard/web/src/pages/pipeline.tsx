import { usePipeline } from "../api/queries.js";
import type { PipelineStage } from "../api/types.js";
import { Empty, QueryState } from "../components/states.js";
import { formatAge, formatInstant, formatValue } from "../lib/format.js";
import { stageLight } from "../lib/lights.js";

function StageCard({ stage }: { stage: PipelineStage }) {
  const { light, why } = stageLight(stage);
  return (
    <article className={`stage light-${light}`} data-testid={`stage-${stage.stage}`} data-light={light}>
      <header>
        <span className={`dot ${light}`} role="img" aria-label={light} />
        <h3>{stage.stage}</h3>
        <span className="sub">
          {light} · {why}
        </span>
      </header>
      <dl>
        <dt>last batch</dt>
        <dd data-testid={`stage-${stage.stage}-last-batch`}>{formatInstant(stage.last_batch_at)}</dd>
        <dt>input rate</dt>
        <dd data-testid={`stage-${stage.stage}-rate`} data-value={stage.input_rows_per_second ?? ""}>
          {stage.input_rows_per_second === null
            ? "—"
            : `${formatValue(stage.input_rows_per_second, "count")} rows/s`}
        </dd>
        <dt>lag</dt>
        <dd data-testid={`stage-${stage.stage}-lag`} data-value={stage.lag_records ?? ""}>
          {stage.lag_records === null ? "—" : `${formatValue(stage.lag_records, "count")} records`}
        </dd>
        <dt>freshness</dt>
        <dd data-testid={`stage-${stage.stage}-freshness`} data-value={stage.freshness_seconds ?? ""}>
          {formatAge(stage.freshness_seconds)}
        </dd>
      </dl>
      {stage.detail ? <p className="detail">{stage.detail}</p> : null}
      <p className="sub">
        from{" "}
        {stage.source === "table"
          ? "serving.pipeline_stage"
          : stage.source === "health"
            ? "/health"
            : "nowhere"}
        {stage.updated_at ? `, ${formatInstant(stage.updated_at)}` : ""}
      </p>
    </article>
  );
}

export function PipelinePage() {
  const pipeline = usePipeline();
  return (
    <section className="page" aria-labelledby="pipeline-title">
      <header className="page-head">
        <h2 id="pipeline-title">Pipeline</h2>
      </header>
      <QueryState query={pipeline} what="pipeline status">
        {(data) => (
          <>
            <p
              className="note"
              data-testid="serving-freshness"
              data-value={data.serving.freshness_seconds ?? ""}
            >
              Serving: newest minute ends {formatInstant(data.serving.newest_window_end)}, last change{" "}
              {formatAge(data.serving.freshness_seconds)} ago (checked {formatInstant(data.checked_at)}).
            </p>
            {data.stages.length === 0 ? (
              <Empty>No stages reported.</Empty>
            ) : (
              <div className="stages">
                {data.stages.map((stage) => (
                  <StageCard key={stage.stage} stage={stage} />
                ))}
              </div>
            )}
          </>
        )}
      </QueryState>
    </section>
  );
}
