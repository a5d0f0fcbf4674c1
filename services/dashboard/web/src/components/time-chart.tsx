import { useEffect, useRef } from "react";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { formatValue, type Unit } from "../lib/format.js";

export interface ChartSeries {
  label: string;
  values: Array<number | null>;
  /** A CSS variable name (e.g. --series-1) or a colour. */
  color: string;
  dashed?: boolean;
  /** Marks every value with a dot (a lone value shows; a line needs two). */
  points?: boolean;
}

export interface ChartMarker {
  /** unix seconds */
  t: number;
  color: string;
}

interface Props {
  title: string;
  times: number[];
  series: ChartSeries[];
  unit: Unit;
  markers?: ChartMarker[];
  height?: number;
  testId?: string;
  theme: string;
  /** The y axis starts at zero (counts whose swings are small next to their size). */
  fromZero?: boolean;
}

const cssColor = (value: string) =>
  value.startsWith("--") ? getComputedStyle(document.documentElement).getPropertyValue(value).trim() : value;

/** Vertical lines where alerts fired, drawn over the plot area. */
function markerPlugin(markers: () => ChartMarker[]): uPlot.Plugin {
  return {
    hooks: {
      draw: (u) => {
        const { ctx } = u;
        const { top, height } = u.bbox;
        ctx.save();
        ctx.lineWidth = 2 * uPlot.pxRatio;
        ctx.setLineDash([4 * uPlot.pxRatio, 3 * uPlot.pxRatio]);
        for (const marker of markers()) {
          const x = Math.round(u.valToPos(marker.t, "x", true));
          if (x < u.bbox.left || x > u.bbox.left + u.bbox.width) continue;
          ctx.strokeStyle = cssColor(marker.color);
          ctx.beginPath();
          ctx.moveTo(x, top);
          ctx.lineTo(x, top + height);
          ctx.stroke();
        }
        ctx.restore();
      },
    },
  };
}

/** A uPlot time-series chart that follows its container's width and the theme. */
export function TimeChart({
  title,
  times,
  series,
  unit,
  markers = [],
  height = 200,
  testId,
  theme,
  fromZero = false,
}: Props) {
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const markerRef = useRef(markers);
  markerRef.current = markers;
  const shape = series
    .map((s) => `${s.label}|${s.color}|${s.dashed ?? false}|${s.points ?? false}`)
    .join(",");

  // (re)create when the series' shape, unit or theme change; data updates use setData below
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
        ...(fromZero
          ? { y: { range: (_u, _min, max): uPlot.Range.MinMax => [0, max > 0 ? max * 1.1 : 1] } }
          : {}),
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
        ...series.map((s) => ({
          label: s.label,
          stroke: cssColor(s.color),
          width: 2,
          spanGaps: false,
          points: { show: s.points ?? s.dashed ?? false, size: 4 },
          value: (_u: uPlot, v: number | null) => formatValue(v, unit),
          ...(s.dashed ? { dash: [6, 4] } : {}),
        })),
      ],
      plugins: [markerPlugin(() => markerRef.current)],
    };
    const chart = new uPlot(options, [times, ...series.map((s) => s.values)] as uPlot.AlignedData, element);
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
  }, [shape, unit, theme, height, fromZero]);

  useEffect(() => {
    plot.current?.setData([times, ...series.map((s) => s.values)] as uPlot.AlignedData);
  }, [times, series]);

  // the marker plugin reads markerRef when drawing: redraw when the markers change
  // biome-ignore lint/correctness/useExhaustiveDependencies: markers is the trigger, not an input
  useEffect(() => {
    plot.current?.redraw(false, false);
  }, [markers]);

  const points = series.reduce((n, s) => n + s.values.filter((v) => v !== null).length, 0);
  return (
    <figure className="chart" data-testid={testId} data-points={points}>
      <figcaption>{title}</figcaption>
      <div ref={host} className="chart-canvas" />
    </figure>
  );
}
