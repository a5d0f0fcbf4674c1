import { useMemo } from "react";
import { useAlerts, useKpiLatest, useKpiSeries } from "../api/queries.js";
import type { Alert, KpiSeries } from "../api/types.js";
import { KpiTile } from "../components/kpi-tile.js";
import { RangePicker } from "../components/range-picker.js";
import { SessionTiles } from "../components/session-tiles.js";
import { Empty, QueryState } from "../components/states.js";
import { type ChartMarker, TimeChart } from "../components/time-chart.js";
import { formatMinute } from "../lib/format.js";
import { type KpiDef, kpiDefs } from "../lib/kpi-defs.js";
import { bucketTimes } from "../lib/range.js";
import { splitByFinality } from "../lib/series.js";
import { useRange } from "../lib/use-range.js";

export const severityColor: Record<Alert["severity"], string> = {
  info: "--info",
  warning: "--amber",
  critical: "--red",
};

function KpiChart({
  def,
  series,
  alerts,
  theme,
}: {
  def: KpiDef;
  series: KpiSeries;
  alerts: Alert[];
  theme: string;
}) {
  const times = useMemo(() => bucketTimes(series.from, series.to, series.step), [series]);
  const lines = useMemo(() => {
    const points = series.buckets.map((b) => ({
      t: Date.parse(b.window_start) / 1000,
      value: def.value(b),
      final: b.is_final,
    }));
    const { final, provisional } = splitByFinality(times, points);
    return [
      { label: "final", values: final, color: def.color },
      { label: "provisional", values: provisional, color: "--provisional", dashed: true },
    ];
  }, [series, times, def]);
  const markers: ChartMarker[] = alerts
    .filter((a) => def.metrics.includes(a.metric))
    .map((a) => ({ t: Date.parse(a.window_start) / 1000, color: severityColor[a.severity] }));
  return (
    <TimeChart
      title={`${def.label}${series.step === "1m" ? "" : ` (per ${series.step})`}`}
      times={times}
      series={lines}
      unit={def.unit}
      markers={markers}
      testId={`chart-${def.id}`}
      theme={theme}
    />
  );
}

export function OverviewPage({ theme }: { theme: string }) {
  const latest = useKpiLatest();
  const range = useRange();
  const series = useKpiSeries(range.window);
  const alerts = useAlerts({ from: range.window.from, to: range.window.to, limit: 500 });
  return (
    <section className="page" aria-labelledby="overview-title">
      <header className="page-head">
        <h2 id="overview-title">Overview</h2>
        <QueryState query={latest} what="the latest minute">
          {(data) =>
            data.minute ? (
              <p className="minute-note" data-testid="latest-minute" data-minute={data.minute.window_start}>
                minute {formatMinute(data.minute.window_start)}{" "}
                <span className={`badge ${data.minute.is_final ? "final" : "provisional"}`}>
                  {data.minute.is_final ? "final" : "provisional"}
                </span>
              </p>
            ) : null
          }
        </QueryState>
      </header>
      <QueryState query={latest} what="KPIs">
        {(data) =>
          data.minute ? (
            <div className="tiles">
              {kpiDefs.map((def) => (
                <KpiTile key={def.id} def={def} latest={data} />
              ))}
            </div>
          ) : (
            <Empty>No KPI minutes yet: start the generator (./ecom up) and wait a minute.</Empty>
          )
        }
      </QueryState>
      <div className="toolbar">
        <RangePicker preset={range.preset} step={range.step} onChange={range.setRange} />
        <p className="legend-note">
          <span className="swatch solid" /> final <span className="swatch dashed" /> provisional{" "}
          <span className="swatch marker" /> alert
        </p>
      </div>
      <SessionTiles from={range.window.from} to={range.window.to} />
      <QueryState query={series} what="KPI series">
        {(data) =>
          data.buckets.length === 0 ? (
            <Empty>No KPI minutes in this range.</Empty>
          ) : (
            <div
              className="charts"
              data-testid="charts"
              data-from={range.window.from}
              data-to={range.window.to}
              data-step={range.window.step}
            >
              {kpiDefs.map((def) => (
                <KpiChart
                  key={def.id}
                  def={def}
                  series={data}
                  alerts={alerts.data?.items ?? []}
                  theme={theme}
                />
              ))}
            </div>
          )
        }
      </QueryState>
    </section>
  );
}
