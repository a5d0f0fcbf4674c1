import { useEffect, useMemo, useRef } from "react";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { formatValue, type Unit } from "../lib/format.js";
import { stackValues } from "../lib/stack.js";
import type { ChartSeries } from "./time-chart.js";

interface Props {
  title: string;
  times: number[];
  /** Bottom first; a null value counts as zero in the stack. */
  series: ChartSeries[];
  unit: Unit;
  height?: number;
  testId?: string;
  theme: string;
}

const cssColor = (value: string) =>
  value.startsWith("--") ? getComputedStyle(document.documentElement).getPropertyValue(value).trim() : value;

/** A #rrggbb colour with an alpha; other notations stay opaque. */
const translucent = (color: string) => (/^#[0-9a-f]{6}$/i.test(color) ? `${color}66` : color);

/** A uPlot stacked area chart: one band per series, the legend showing each series' own value. */
export function StackedChart({ title, times, series, unit, height = 240, testId, theme }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const raw = useRef(series);
  raw.current = series;
  const stacked = useMemo(() => stackValues(series.map((s) => s.values)), [series]);
  const shape = series.map((s) => `${s.label}|${s.color}`).join(",");

  // biome-ignore lint/correctness/useExhaustiveDependencies: shape stands for the series' styling
  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const axis = cssColor("--muted");
    const grid = cssColor("--grid");
    const options: uPlot.Options = {
      width: Math.max(element.clientWidth, 200),
      height,
      legend: { show: true, live: true },
      cursor: { points: { size: 6 } },
      scales: {
        x: { time: true },
        y: { range: (_u, _min, max): uPlot.Range.MinMax => [0, max > 0 ? max * 1.1 : 1] },
      },
      axes: [
        { stroke: axis, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid } },
        {
          stroke: axis,
          grid: { stroke: grid, width: 1 },
          ticks: { stroke: grid },
          size: 64,
          values: (_u, values) => values.map((v) => formatValue(v, unit)),
        },
      ],
      series: [
        {},
        ...series.map((s, i) => {
          const color = cssColor(s.color);
          return {
            label: s.label,
            stroke: color,
            width: 1,
            ...(i === 0 ? { fill: translucent(color) } : {}),
            points: { show: false },
            value: (_u: uPlot, _v: number | null, _si: number, idx: number | null) =>
              formatValue(idx === null ? null : (raw.current[i]?.values[idx] ?? null), unit),
          };
        }),
      ],
      bands: series.slice(1).map((s, i) => ({
        series: [i + 2, i + 1] as [number, number],
        fill: translucent(cssColor(s.color)),
      })),
    };
    const chart = new uPlot(options, [times, ...stacked] as uPlot.AlignedData, element);
    plot.current = chart;
    const observer = new ResizeObserver(() => {
      chart.setSize({ width: Math.max(element.clientWidth, 200), height });
    });
    observer.observe(element);
    return () => {
      observer.disconnect();
      chart.destroy();
      plot.current = null;
    };
  }, [shape, unit, theme, height]);

  useEffect(() => {
    plot.current?.setData([times, ...stacked] as uPlot.AlignedData);
  }, [times, stacked]);

  return (
    <figure className="chart" data-testid={testId} data-series={series.length}>
      <figcaption>{title}</figcaption>
      <div ref={host} className="chart-canvas" />
    </figure>
  );
}
