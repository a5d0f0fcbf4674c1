import { useMemo, useState } from "react";
import { useAlerts, useQuality, useSamples } from "../api/queries.js";
import type { QualityBucket, QualitySeries } from "../api/types.js";
import { JsonView } from "../components/json-view.js";
import { RangePicker } from "../components/range-picker.js";
import { Empty, QueryState } from "../components/states.js";
import { type ChartSeries, TimeChart } from "../components/time-chart.js";
import { formatInstant, formatValue } from "../lib/format.js";
import { bucketTimes } from "../lib/range.js";
import { useRange } from "../lib/use-range.js";
import { severityColor } from "./overview.js";

const palette = [
  "--series-1",
  "--series-2",
  "--series-3",
  "--series-4",
  "--series-5",
  "--series-6",
  "--series-7",
  "--series-8",
];

type Reason = keyof QualityBucket["quarantined_by_reason"];

/** Totals over the range: sums of the buckets, and the quarantine rate of the sums. */
export function qualityTotals(buckets: QualityBucket[]) {
  const reasons: Record<string, number> = {};
  let records = 0;
  let quarantined = 0;
  let duplicates = 0;
  let late = 0;
  for (const b of buckets) {
    records += b.records;
    quarantined += b.quarantined;
    duplicates += b.duplicates;
    late += b.late;
    for (const [reason, count] of Object.entries(b.quarantined_by_reason)) {
      reasons[reason] = (reasons[reason] ?? 0) + count;
    }
  }
  return {
    records,
    quarantined,
    duplicates,
    late,
    reasons,
    rate: records > 0 ? quarantined / records : null,
  };
}

function lineOf(times: number[], buckets: QualityBucket[], pick: (b: QualityBucket) => number | null) {
  const byTime = new Map(buckets.map((b) => [Date.parse(b.window_start) / 1000, pick(b)]));
  return times.map((t) => byTime.get(t) ?? null);
}

function QualityCharts({ data, theme }: { data: QualitySeries; theme: string }) {
  const range = useRange();
  const alerts = useAlerts({ from: range.window.from, to: range.window.to, limit: 500 });
  const times = useMemo(() => bucketTimes(data.from, data.to, data.step), [data]);
  const reasons = useMemo(
    () => (data.buckets[0] ? (Object.keys(data.buckets[0].quarantined_by_reason) as Reason[]) : []),
    [data],
  );
  const byReason: ChartSeries[] = useMemo(
    () =>
      reasons.map((reason, i) => ({
        label: reason,
        values: lineOf(times, data.buckets, (b) => b.quarantined_by_reason[reason]),
        color: palette[i % palette.length] as string,
      })),
    [reasons, times, data],
  );
  const rate = useMemo(
    () => [
      {
        label: "quarantine rate",
        values: lineOf(times, data.buckets, (b) => b.quarantine_rate),
        color: "--red",
      },
    ],
    [times, data],
  );
  const dupLate = useMemo(
    () => [
      { label: "duplicates", values: lineOf(times, data.buckets, (b) => b.duplicates), color: "--series-3" },
      { label: "late", values: lineOf(times, data.buckets, (b) => b.late), color: "--series-4" },
    ],
    [times, data],
  );
  const markers = (alerts.data?.items ?? [])
    .filter((a) => a.kind === "data_quality")
    .map((a) => ({ t: Date.parse(a.window_start) / 1000, color: severityColor[a.severity] }));
  return (
    <div className="charts">
      <TimeChart
        title="Quarantined by reason"
        times={times}
        series={byReason}
        unit="count"
        testId="chart-quarantine-reasons"
        theme={theme}
        markers={markers}
      />
      <TimeChart
        title="Quarantine rate"
        times={times}
        series={rate}
        unit="ratio"
        testId="chart-quarantine-rate"
        theme={theme}
        markers={markers}
      />
      <TimeChart
        title="Duplicates and late records"
        times={times}
        series={dupLate}
        unit="count"
        testId="chart-duplicates-late"
        theme={theme}
      />
    </div>
  );
}

function Totals({ buckets }: { buckets: QualityBucket[] }) {
  const totals = qualityTotals(buckets);
  const cells: Array<[string, string, number | null, "count" | "ratio"]> = [
    ["records", "Records", totals.records, "count"],
    ["quarantined", "Quarantined", totals.quarantined, "count"],
    ["rate", "Quarantine rate", totals.rate, "ratio"],
    ["duplicates", "Duplicates dropped", totals.duplicates, "count"],
    ["late", "Late records", totals.late, "count"],
  ];
  return (
    <>
      <div className="tiles small">
        {cells.map(([id, label, value, unit]) => (
          <article className="tile" key={id} data-testid={`quality-${id}`} data-value={value ?? ""}>
            <h3>{label}</h3>
            <p className="tile-value">{formatValue(value, unit)}</p>
          </article>
        ))}
      </div>
      <div className="table-wrap">
        <table data-testid="quality-reasons">
          <thead>
            <tr>
              <th>reason</th>
              <th className="num">quarantined in range</th>
            </tr>
          </thead>
          <tbody>
            {Object.entries(totals.reasons).map(([reason, count]) => (
              <tr key={reason} data-reason={reason} data-value={count}>
                <td>
                  <code>{reason}</code>
                </td>
                <td className="num">{formatValue(count, "count")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function Samples({ reasons }: { reasons: string[] }) {
  const [reason, setReason] = useState("");
  const samples = useSamples(reason || undefined);
  return (
    <section aria-labelledby="samples-title">
      <div className="section-head">
        <h3 id="samples-title">Recent quarantined records</h3>
        <label>
          reason{" "}
          <select value={reason} onChange={(e) => setReason(e.target.value)} data-testid="samples-reason">
            <option value="">any</option>
            {reasons.map((r) => (
              <option key={r}>{r}</option>
            ))}
          </select>
        </label>
      </div>
      <QueryState query={samples} what="quarantined samples">
        {(data) =>
          data.items.length === 0 ? (
            <Empty>No quarantined records{reason ? ` for ${reason}` : ""}.</Empty>
          ) : (
            <ul className="samples" data-testid="samples">
              {data.items.map((s) => (
                <li key={`${s.topic}-${s.partition}-${s.offset}`}>
                  <p>
                    <span className="badge sev-warning">{s.reason}</span>{" "}
                    {s.field ? <code>{s.field}</code> : null}{" "}
                    <span className="sub">
                      {s.topic}/{s.partition}@{s.offset} · key {s.key ?? "—"} · {formatInstant(s.ingest_ts)}
                    </span>
                  </p>
                  <JsonView text={s.raw_payload} />
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
    </section>
  );
}

export function QualityPage({ theme }: { theme: string }) {
  const range = useRange();
  const quality = useQuality(range.window);
  const reasons = quality.data?.buckets[0] ? Object.keys(quality.data.buckets[0].quarantined_by_reason) : [];
  return (
    <section className="page" aria-labelledby="quality-title">
      <header className="page-head">
        <h2 id="quality-title">Data quality</h2>
      </header>
      <div className="toolbar">
        <RangePicker preset={range.preset} step={range.step} onChange={range.setRange} />
      </div>
      <QueryState query={quality} what="quality">
        {(data) =>
          data.buckets.length === 0 ? (
            <Empty>No records were ingested in this range.</Empty>
          ) : (
            <>
              <Totals buckets={data.buckets} />
              <QualityCharts data={data} theme={theme} />
            </>
          )
        }
      </QueryState>
      <Samples reasons={reasons} />
    </section>
  );
}
