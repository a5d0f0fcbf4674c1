import { useMemo, useState } from "react";
import { useLake, useLakePartitions } from "../api/queries.js";
import type { LakeLayer, LakeLayerName, LakePartitions } from "../api/types.js";
import { Empty, QueryState } from "../components/states.js";
import { TimeChart } from "../components/time-chart.js";
import { formatAge, formatBytes, formatInstant, formatValue } from "../lib/format.js";
import { bucketTimes } from "../lib/range.js";

const layerNames: LakeLayerName[] = ["bronze", "silver", "quarantine", "gold"];
const spans = [
  { hours: 24, label: "24 hours" },
  { hours: 72, label: "3 days" },
  { hours: 168, label: "7 days" },
];

/** "2,400 files → 12 files, at 2026-03-05 12:05:00", or "never". */
export function compactionText(compaction: LakeLayer["last_compaction"]): string {
  if (!compaction) return "never";
  const files = (n: number | null) => (n === null ? "?" : `${formatValue(n, "count")} files`);
  const counts =
    compaction.files_before === null && compaction.files_after === null
      ? ""
      : `${files(compaction.files_before)} → ${files(compaction.files_after)}, `;
  return `${counts}at ${formatInstant(compaction.at)}`;
}

function LayerTile({ layer }: { layer: LakeLayer }) {
  const id = `lake-${layer.layer}`;
  const compaction = layer.last_compaction;
  return (
    <article className="stage lake-layer" data-testid={id} data-measured={layer.updated_at !== null}>
      <header>
        <h3>{layer.layer}</h3>
        <span className="sub">
          {layer.updated_at ? `measured ${formatInstant(layer.updated_at)}` : "not measured yet"}
        </span>
      </header>
      <dl>
        <dt>files</dt>
        <dd data-testid={`${id}-files`} data-value={layer.files}>
          {formatValue(layer.files, "count")}
        </dd>
        <dt>size</dt>
        <dd data-testid={`${id}-bytes`} data-value={layer.bytes}>
          {formatBytes(layer.bytes)}
        </dd>
        <dt>partitions</dt>
        <dd data-testid={`${id}-partitions`} data-value={layer.partitions}>
          {formatValue(layer.partitions, "count")}
        </dd>
        <dt>oldest partition</dt>
        <dd
          data-testid={`${id}-oldest`}
          data-value={layer.oldest_partition ?? ""}
          title={layer.oldest_partition ? formatInstant(layer.oldest_partition) : undefined}
        >
          {layer.oldest_partition ? `${formatAge(layer.oldest_partition_age_seconds)} old` : "—"}
        </dd>
        <dt>newest partition</dt>
        <dd data-testid={`${id}-newest`} data-value={layer.newest_partition ?? ""}>
          {layer.newest_partition ? `${formatAge(layer.newest_partition_age_seconds)} old` : "—"}
        </dd>
        <dt>last compaction</dt>
        <dd
          data-testid={`${id}-compaction`}
          data-value={compaction?.at ?? ""}
          data-files-before={compaction?.files_before ?? ""}
          data-files-after={compaction?.files_after ?? ""}
        >
          {compactionText(compaction)}
        </dd>
      </dl>
      {compaction && compaction.bytes_before !== null && compaction.bytes_after !== null ? (
        <p className="sub">
          {formatBytes(compaction.bytes_before)} → {formatBytes(compaction.bytes_after)},{" "}
          {formatAge(compaction.age_seconds)} ago
        </p>
      ) : null}
    </article>
  );
}

function PartitionChart({ data, theme }: { data: LakePartitions; theme: string }) {
  const times = useMemo(() => bucketTimes(data.from, data.to, "1h"), [data]);
  const series = useMemo(() => {
    const byHour = new Map(data.partitions.map((p) => [Date.parse(p.hour) / 1000, p.files]));
    return [
      { label: "files", values: times.map((t) => byHour.get(t) ?? null), color: "--series-1", points: true },
    ];
  }, [data, times]);
  return (
    <TimeChart
      title={`Files per hour partition (${data.layer})`}
      times={times}
      series={series}
      unit="count"
      testId="chart-lake-files"
      theme={theme}
      fromZero
    />
  );
}

function PartitionTable({ data }: { data: LakePartitions }) {
  const newestFirst = [...data.partitions].reverse();
  return (
    <div className="table-wrap">
      <table data-testid="lake-partitions">
        <thead>
          <tr>
            <th>hour</th>
            <th className="num">files</th>
            <th className="num">size</th>
            <th>compacted</th>
            <th className="num">age</th>
          </tr>
        </thead>
        <tbody>
          {newestFirst.map((p) => (
            <tr key={p.hour} data-hour={p.hour} data-files={p.files} data-bytes={p.bytes}>
              <td>{formatInstant(p.hour)}</td>
              <td className="num">{formatValue(p.files, "count")}</td>
              <td className="num">{formatBytes(p.bytes)}</td>
              <td>{p.compacted ? "yes" : "no"}</td>
              <td className="num">{formatAge(p.age_seconds)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Partitions({ theme }: { theme: string }) {
  const [layer, setLayer] = useState<LakeLayerName>("bronze");
  const [hours, setHours] = useState(24);
  const partitions = useLakePartitions(layer, hours);
  return (
    <section aria-labelledby="lake-partitions-title">
      <div className="section-head">
        <h3 id="lake-partitions-title">Hour partitions</h3>
        <label>
          layer{" "}
          <select
            value={layer}
            onChange={(e) => setLayer(e.target.value as LakeLayerName)}
            data-testid="lake-layer"
          >
            {layerNames.map((name) => (
              <option key={name}>{name}</option>
            ))}
          </select>
        </label>
        <label>
          over{" "}
          <select value={hours} onChange={(e) => setHours(Number(e.target.value))} data-testid="lake-span">
            {spans.map((s) => (
              <option key={s.hours} value={s.hours}>
                {s.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      <QueryState query={partitions} what="partitions">
        {(data) =>
          data.partitions.length === 0 ? (
            <Empty>
              No {data.layer} partitions in this range
              {data.updated_at ? "" : " (lake-ops has not measured the layer yet)"}.
            </Empty>
          ) : (
            <div className="lake-partitions" data-layer={data.layer}>
              <PartitionChart data={data} theme={theme} />
              <PartitionTable data={data} />
            </div>
          )
        }
      </QueryState>
    </section>
  );
}

export function LakePage({ theme }: { theme: string }) {
  const lake = useLake();
  return (
    <section className="page" aria-labelledby="lake-title">
      <header className="page-head">
        <h2 id="lake-title">Lake</h2>
      </header>
      <QueryState query={lake} what="lake health">
        {(data) => (
          <>
            <p className="note" data-testid="lake-totals" data-files={data.totals.files}>
              {formatValue(data.totals.files, "count")} files, {formatBytes(data.totals.bytes)} in{" "}
              {formatValue(data.totals.partitions, "count")} hour partitions (checked{" "}
              {formatInstant(data.checked_at)}).
            </p>
            <div className="stages">
              {data.layers.map((layer) => (
                <LayerTile key={layer.layer} layer={layer} />
              ))}
            </div>
          </>
        )}
      </QueryState>
      <Partitions theme={theme} />
    </section>
  );
}
