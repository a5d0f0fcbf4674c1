import { useEffect, useRef } from "react";
import uPlot from "uplot";

interface Props {
  times: number[];
  values: Array<number | null>;
  /** A CSS variable name (e.g. --series-1). */
  color: string;
  label: string;
  theme: string;
  width?: number;
  height?: number;
}

/** A word-sized uPlot line: no axes, legend or cursor; gaps stay gaps. */
export function Sparkline({ times, values, color, label, theme, width = 120, height = 28 }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: data updates go through setData below
  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const stroke = getComputedStyle(document.documentElement).getPropertyValue(color).trim() || color;
    const chart = new uPlot(
      {
        width,
        height,
        legend: { show: false },
        cursor: { show: false },
        scales: {
          x: { time: true },
          y: { range: (_u, _min, max): uPlot.Range.MinMax => [0, max > 0 ? max * 1.05 : 1] },
        },
        axes: [{ show: false }, { show: false }],
        series: [{}, { stroke, width: 1.5, spanGaps: false, points: { show: false } }],
      },
      [times, values] as uPlot.AlignedData,
      element,
    );
    plot.current = chart;
    return () => {
      chart.destroy();
      plot.current = null;
    };
  }, [color, theme, width, height]);

  useEffect(() => {
    plot.current?.setData([times, values] as uPlot.AlignedData);
  }, [times, values]);

  return <div ref={host} className="sparkline" role="img" aria-label={label} />;
}
