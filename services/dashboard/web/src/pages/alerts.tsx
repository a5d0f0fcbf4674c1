import { useState } from "react";
import { alertStatuses, useAlertAction, useAlerts } from "../api/queries.js";
import type { Alert, AlertQuery, AlertSeverity, AlertStatus } from "../api/types.js";
import { Empty, ErrorBox, QueryState } from "../components/states.js";
import { formatInstant } from "../lib/format.js";
import { navigate } from "../lib/router.js";
import { apiKeyStorage, useStored } from "../lib/stored.js";

const severities: AlertSeverity[] = ["info", "warning", "critical"];

const number = (value: number | null) =>
  value === null ? "—" : Math.abs(value) >= 100 ? value.toFixed(0) : value.toPrecision(3);

function AlertRow({ alert, canAct }: { alert: Alert; canAct: boolean }) {
  const action = useAlertAction();
  const act = (kind: "acknowledge" | "resolve") => action.mutate({ id: alert.id, action: kind });
  return (
    <tr data-testid={`alert-${alert.id}`} data-status={alert.status}>
      <td>{formatInstant(alert.window_start)}</td>
      <td>
        <code>{alert.metric}</code>
        <div className="sub">{alert.kind === "data_quality" ? "data quality" : "business"}</div>
      </td>
      <td>
        <span className={`badge sev-${alert.severity}`}>{alert.severity}</span>
      </td>
      <td>
        <span className={`badge st-${alert.status}`} data-testid={`alert-${alert.id}-status`}>
          {alert.status}
        </span>
      </td>
      <td className="num">
        {number(alert.observed)} <span className="sub">vs {number(alert.expected)}</span>
      </td>
      <td className="msg">
        {alert.message}
        <div className="sub">
          {alert.method}, score {number(alert.score)}
        </div>
        {action.error ? <ErrorBox error={action.error} /> : null}
      </td>
      <td className="actions">
        {alert.status === "open" ? (
          <button type="button" disabled={!canAct || action.isPending} onClick={() => act("acknowledge")}>
            Acknowledge
          </button>
        ) : null}
        {alert.status !== "resolved" ? (
          <button type="button" disabled={!canAct || action.isPending} onClick={() => act("resolve")}>
            Resolve
          </button>
        ) : null}
      </td>
    </tr>
  );
}

export function AlertsPage() {
  const [status, setStatus] = useState<AlertStatus | "">("");
  const [severity, setSeverity] = useState<AlertSeverity | "">("");
  const [metric, setMetric] = useState("");
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors.at(-1);
  const query: AlertQuery = {
    limit: 50,
    ...(status ? { status } : {}),
    ...(severity ? { severity } : {}),
    ...(metric.trim() ? { metric: metric.trim() } : {}),
    ...(cursor ? { cursor } : {}),
  };
  const alerts = useAlerts(query);
  const [apiKey] = useStored(apiKeyStorage);
  const refilter = (apply: () => void) => {
    apply();
    setCursors([]);
  };
  return (
    <section className="page" aria-labelledby="alerts-title">
      <header className="page-head">
        <h2 id="alerts-title">Alerts</h2>
      </header>
      {!apiKey ? (
        <p className="note" data-testid="api-key-missing">
          Acknowledge and resolve need the API key:{" "}
          <a
            href="/settings"
            onClick={(event) => {
              event.preventDefault();
              navigate("/settings");
            }}
          >
            enter it in Settings
          </a>
          .
        </p>
      ) : null}
      <form className="filters" onSubmit={(event) => event.preventDefault()}>
        <label>
          status
          <select
            value={status}
            data-testid="filter-status"
            onChange={(e) => refilter(() => setStatus(e.target.value as AlertStatus | ""))}
          >
            <option value="">any</option>
            {alertStatuses.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
        <label>
          severity
          <select
            value={severity}
            data-testid="filter-severity"
            onChange={(e) => refilter(() => setSeverity(e.target.value as AlertSeverity | ""))}
          >
            <option value="">any</option>
            {severities.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
        <label>
          metric
          <input
            value={metric}
            placeholder="e.g. payment_failure_rate"
            data-testid="filter-metric"
            onChange={(e) => refilter(() => setMetric(e.target.value))}
          />
        </label>
      </form>
      <QueryState query={alerts} what="alerts">
        {(page) =>
          page.items.length === 0 ? (
            <Empty>No alerts match these filters.</Empty>
          ) : (
            <>
              <div className="table-wrap">
                <table className="alerts" data-testid="alerts-table">
                  <thead>
                    <tr>
                      <th>minute</th>
                      <th>metric</th>
                      <th>severity</th>
                      <th>status</th>
                      <th>observed</th>
                      <th>message</th>
                      <th />
                    </tr>
                  </thead>
                  <tbody>
                    {page.items.map((alert) => (
                      <AlertRow key={alert.id} alert={alert} canAct={Boolean(apiKey)} />
                    ))}
                  </tbody>
                </table>
              </div>
              <div className="pager">
                <button type="button" disabled={cursors.length === 0} onClick={() => setCursors([])}>
                  Newest
                </button>
                <button
                  type="button"
                  disabled={!page.nextCursor}
                  onClick={() => page.nextCursor && setCursors([...cursors, page.nextCursor])}
                >
                  Older
                </button>
              </div>
            </>
          )
        }
      </QueryState>
    </section>
  );
}
