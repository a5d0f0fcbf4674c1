import { useSessionsSummary } from "../api/queries.js";
import type { SessionsSummary } from "../api/types.js";
import { formatAge, formatValue } from "../lib/format.js";
import { QueryState } from "./states.js";

const figures = (s: SessionsSummary) =>
  [
    ["sessions", "Sessions", s.sessions, formatValue(s.sessions, "count")],
    ["bounce-rate", "Bounce rate", s.bounce_rate, formatValue(s.bounce_rate, "ratio")],
    ["median-duration", "Median duration", s.median_duration_seconds, formatAge(s.median_duration_seconds)],
    ["session-conversion", "Session conversion", s.conversion_rate, formatValue(s.conversion_rate, "ratio")],
  ] as const;

/** Session figures of the sessions that started in the range; open sessions make them provisional. */
export function SessionTiles({ from, to }: { from: string; to: string }) {
  const summary = useSessionsSummary(from, to);
  return (
    <section aria-labelledby="sessions-title" className="session-figures">
      <QueryState query={summary} what="session figures">
        {(data) => (
          <>
            <div className="section-head">
              <h3 id="sessions-title">Sessions started in the range</h3>
              {data.provisional_sessions > 0 ? (
                <p
                  className="minute-note"
                  data-testid="sessions-provisional"
                  data-value={data.provisional_sessions}
                >
                  <span className="badge provisional">provisional</span>{" "}
                  {formatValue(data.provisional_sessions, "count")} still open: they may grow
                </p>
              ) : (
                <span className="badge final">final</span>
              )}
            </div>
            <div
              className="tiles small four"
              data-from={data.from}
              data-to={data.to}
              data-testid="session-tiles"
            >
              {figures(data).map(([id, label, value, shown]) => (
                <article className="tile" key={id} data-testid={`sessions-${id}`} data-value={value ?? ""}>
                  <h3>{label}</h3>
                  <p className="tile-value">{shown}</p>
                </article>
              ))}
            </div>
          </>
        )}
      </QueryState>
    </section>
  );
}
