import { useFunnel } from "../api/queries.js";
import type { Funnel, FunnelStep } from "../api/types.js";
import { RangePicker } from "../components/range-picker.js";
import { Empty, QueryState } from "../components/states.js";
import { formatValue } from "../lib/format.js";
import { useRange } from "../lib/use-range.js";

const stepLabels: Record<FunnelStep["step"], string> = {
  viewed_product: "Viewed a product",
  added_to_cart: "Added to cart",
  started_checkout: "Started checkout",
  purchased: "Purchased",
};

/** Sessions lost from the step before and the share of them; null on the first step. */
export function dropOff(steps: FunnelStep[], i: number): { sessions: number; rate: number | null } | null {
  const before = steps[i - 1];
  const step = steps[i];
  if (!before || !step) return null;
  return {
    sessions: before.sessions - step.sessions,
    rate: step.rate === null ? null : 1 - step.rate,
  };
}

function FunnelBars({ data }: { data: Funnel }) {
  const top = data.steps[0]?.sessions ?? 0;
  return (
    <ol className="funnel" data-testid="funnel" data-from={data.from} data-to={data.to}>
      {data.steps.map((step, i) => {
        const drop = dropOff(data.steps, i);
        return (
          <li key={step.step} data-step={step.step} data-sessions={step.sessions} data-rate={step.rate ?? ""}>
            {drop ? (
              <p
                className="drop"
                data-testid={`drop-${step.step}`}
                data-sessions={drop.sessions}
                data-rate={drop.rate ?? ""}
              >
                ↓ {formatValue(drop.sessions, "count")} sessions dropped ({formatValue(drop.rate, "ratio")})
              </p>
            ) : null}
            <div className="funnel-row">
              <span className="funnel-label">{stepLabels[step.step]}</span>
              <span className="funnel-track">
                <span
                  className="funnel-bar"
                  style={{ width: `${top > 0 ? (step.sessions / top) * 100 : 0}%` }}
                />
              </span>
              <span className="num funnel-value">
                {formatValue(step.sessions, "count")}{" "}
                <span className="sub">
                  {i === 0 ? "" : `${formatValue(step.rate, "ratio")} of the step before`}
                </span>
              </span>
            </div>
          </li>
        );
      })}
    </ol>
  );
}

export function FunnelPage() {
  const range = useRange();
  const funnel = useFunnel(range.window.from, range.window.to);
  return (
    <section className="page" aria-labelledby="funnel-title">
      <header className="page-head">
        <h2 id="funnel-title">Funnel</h2>
        <QueryState query={funnel} what="the funnel">
          {(data) =>
            data.provisional_sessions > 0 ? (
              <p className="minute-note" data-testid="funnel-provisional">
                <span className="badge provisional">provisional</span>{" "}
                {formatValue(data.provisional_sessions, "count")} of {formatValue(data.sessions, "count")}{" "}
                sessions still open
              </p>
            ) : null
          }
        </QueryState>
      </header>
      <div className="toolbar">
        <RangePicker preset={range.preset} step={range.step} onChange={range.setRange} />
      </div>
      <p className="note">
        Sessions that started in the range. A step counts sessions that reached it and every step before it;
        an open session may still reach later steps.
      </p>
      <QueryState query={funnel} what="the funnel">
        {(data) =>
          data.sessions === 0 ? <Empty>No sessions started in this range.</Empty> : <FunnelBars data={data} />
        }
      </QueryState>
    </section>
  );
}
