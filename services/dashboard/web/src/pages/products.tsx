import { useMemo, useState } from "react";
import { productsPerHour, useProductHours, useTopProducts } from "../api/queries.js";
import type { ProductOrder, TopProducts } from "../api/types.js";
import { Sparkline } from "../components/sparkline.js";
import { Empty, QueryState } from "../components/states.js";
import { formatValue } from "../lib/format.js";
import { hourlyValues } from "../lib/product-hours.js";
import { useNow } from "../lib/use-range.js";

const hourMs = 3_600_000;
const hoursShown = 24;
const orders: Array<{ id: ProductOrder; label: string }> = [
  { id: "views", label: "Views" },
  { id: "add_to_carts", label: "Add to carts" },
];
const limits = [10, 20, 50];

function ProductTable({ data, theme }: { data: TopProducts; theme: string }) {
  const hours = useMemo(() => {
    const to = Date.parse(data.to);
    return Array.from({ length: hoursShown }, (_, i) => to - (hoursShown - i) * hourMs);
  }, [data.to]);
  const times = useMemo(() => hours.map((h) => h / 1000), [hours]);
  const hourly = useProductHours(data.by, hours);
  const lines = useMemo(() => hourlyValues(hourly, data.by, productsPerHour), [hourly, data.by]);
  const empty = useMemo(() => times.map(() => null), [times]);
  return (
    <div className="table-wrap">
      <table data-testid="products-table" data-by={data.by} data-from={data.from} data-to={data.to}>
        <thead>
          <tr>
            <th className="num">#</th>
            <th>product</th>
            <th className="num">views</th>
            <th className="num">add to carts</th>
            <th className="num">remove from carts</th>
            <th className="hide-narrow">{data.by === "views" ? "views" : "add to carts"} per hour</th>
          </tr>
        </thead>
        <tbody>
          {data.items.map((p, i) => (
            <tr key={p.product_id} data-product={p.product_id}>
              <td className="num">{i + 1}</td>
              <td>
                <code>{p.product_id}</code>
              </td>
              <td className="num" data-measure="views" data-total={p.views}>
                {formatValue(p.views, "count")}
              </td>
              <td className="num" data-measure="add_to_carts" data-total={p.add_to_carts}>
                {formatValue(p.add_to_carts, "count")}
              </td>
              <td className="num" data-measure="remove_from_carts" data-total={p.remove_from_carts}>
                {formatValue(p.remove_from_carts, "count")}
              </td>
              <td className="hide-narrow">
                <Sparkline
                  times={times}
                  values={lines.get(p.product_id) ?? empty}
                  color="--series-1"
                  label={`${p.product_id}: ${data.by} per hour over the last ${hoursShown} hours`}
                  theme={theme}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ProductsPage({ theme }: { theme: string }) {
  const [by, setBy] = useState<ProductOrder>("views");
  const [limit, setLimit] = useState(10);
  const now = useNow();
  const to = Math.ceil(now / hourMs) * hourMs;
  const from = new Date(to - hoursShown * hourMs).toISOString();
  const products = useTopProducts(by, from, new Date(to).toISOString(), limit);
  return (
    <section className="page" aria-labelledby="products-title">
      <header className="page-head">
        <h2 id="products-title">Products</h2>
        <p className="minute-note">last {hoursShown} hours, whole hours</p>
      </header>
      <div className="toolbar">
        <fieldset className="segmented" aria-label="order">
          {orders.map((o) => (
            <button
              key={o.id}
              type="button"
              aria-pressed={o.id === by}
              data-testid={`products-by-${o.id}`}
              onClick={() => setBy(o.id)}
            >
              {o.label}
            </button>
          ))}
        </fieldset>
        <label className="step">
          top{" "}
          <select
            value={limit}
            data-testid="products-limit"
            onChange={(event) => setLimit(Number(event.target.value))}
          >
            {limits.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
      </div>
      <QueryState query={products} what="top products">
        {(data) =>
          data.items.length === 0 ? (
            <Empty>No product views or add to carts in the last {hoursShown} hours.</Empty>
          ) : (
            <ProductTable data={data} theme={theme} />
          )
        }
      </QueryState>
      <p className="note">
        Sparklines: each hour's value; an hour where a product is outside that hour's top {productsPerHour} is
        a gap.
      </p>
    </section>
  );
}
