import { useMemo, useState } from "react";
import { useBreakdown } from "../api/queries.js";
import type { Breakdown, BreakdownDimension } from "../api/types.js";
import { RangePicker } from "../components/range-picker.js";
import { StackedChart } from "../components/stacked-chart.js";
import { Empty, QueryState } from "../components/states.js";
import {
  type BreakdownMeasure,
  breakdownDimensions,
  type MeasureDef,
  measuresOf,
  totalOf,
  valuesAt,
} from "../lib/breakdown.js";
import { formatValue } from "../lib/format.js";
import { bucketTimes } from "../lib/range.js";
import { useRange } from "../lib/use-range.js";

/** As many values as the palette has colours. */
const valuesShown = 8;
const palette = Array.from({ length: valuesShown }, (_, i) => `--series-${i + 1}`);

function BreakdownChart({ data, measure, theme }: { data: Breakdown; measure: MeasureDef; theme: string }) {
  const times = useMemo(() => bucketTimes(data.from, data.to, data.step), [data]);
  const series = useMemo(
    () =>
      data.series.map((s, i) => ({
        label: s.dimension_value,
        values: valuesAt(times, s, measure.id),
        color: palette[i % palette.length] as string,
      })),
    [data, times, measure],
  );
  return (
    <StackedChart
      title={`${measure.label} by ${data.dimension}${data.step === "1m" ? "" : ` (per ${data.step})`}`}
      times={times}
      series={series}
      unit={measure.unit}
      testId="breakdown-chart"
      theme={theme}
    />
  );
}

function BreakdownTable({ data, measures }: { data: Breakdown; measures: MeasureDef[] }) {
  return (
    <div className="table-wrap">
      <table
        data-testid="breakdown-table"
        data-dimension={data.dimension}
        data-from={data.from}
        data-to={data.to}
        data-step={data.step}
      >
        <thead>
          <tr>
            <th>{data.dimension}</th>
            {measures.map((m) => (
              <th key={m.id} className="num">
                {m.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {data.series.map((s) => (
            <tr key={s.dimension_value} data-value={s.dimension_value}>
              <td>
                <code>{s.dimension_value}</code>
              </td>
              {measures.map((m) => {
                const total = totalOf(s, m.id);
                return (
                  <td key={m.id} className="num" data-measure={m.id} data-total={total ?? ""}>
                    {formatValue(total, m.unit)}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function BreakdownPage({ theme }: { theme: string }) {
  const range = useRange();
  const [dimension, setDimension] = useState<BreakdownDimension>("country");
  const [measureId, setMeasureId] = useState<BreakdownMeasure>("events");
  const measures = measuresOf(dimension);
  const measure = measures.find((m) => m.id === measureId) ?? (measures[0] as MeasureDef);
  const breakdown = useBreakdown(dimension, range.window, valuesShown);
  return (
    <section className="page" aria-labelledby="breakdown-title">
      <header className="page-head">
        <h2 id="breakdown-title">Breakdown</h2>
      </header>
      <div className="toolbar">
        <fieldset className="segmented" aria-label="dimension">
          {breakdownDimensions.map((d) => (
            <button
              key={d.id}
              type="button"
              aria-pressed={d.id === dimension}
              data-testid={`dimension-${d.id}`}
              onClick={() => setDimension(d.id)}
            >
              {d.label}
            </button>
          ))}
        </fieldset>
        <label className="step">
          measure{" "}
          <select
            value={measure.id}
            data-testid="breakdown-measure"
            onChange={(event) => setMeasureId(event.target.value as BreakdownMeasure)}
          >
            {measures.map((m) => (
              <option key={m.id} value={m.id}>
                {m.label}
              </option>
            ))}
          </select>
        </label>
        <RangePicker preset={range.preset} step={range.step} onChange={range.setRange} />
      </div>
      {dimension === "category" ? (
        <p className="note" data-testid="category-note">
          Only product views, add to carts and remove from carts carry a category: by category, events counts
          those three and there are no checkouts, purchases, payment failures or revenue.
        </p>
      ) : null}
      <p className="note">
        The {valuesShown} values with the most events in the range. Sessions are summed per minute, so a
        session active in several minutes counts in each.
      </p>
      <QueryState query={breakdown} what="the breakdown">
        {(data) =>
          data.series.length === 0 ? (
            <Empty>No {data.dimension} breakdown in this range.</Empty>
          ) : (
            <div className="stack">
              <BreakdownChart data={data} measure={measure} theme={theme} />
              <BreakdownTable data={data} measures={measuresOf(data.dimension)} />
            </div>
          )
        }
      </QueryState>
    </section>
  );
}
