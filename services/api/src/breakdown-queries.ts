import type { BreakdownDimension } from "@ecomstream/contracts";
import type { Static } from "@sinclair/typebox";
import type { Pool } from "./db.js";
import type { TimeRange } from "./range.js";
import {
  type BreakdownSeriesSchema,
  breakdownMeasures,
  type ProductOrder,
  type ProductSchema,
  productMeasures,
} from "./schemas/breakdowns.js";

export type BreakdownSeries = Static<typeof BreakdownSeriesSchema>;
export type Product = Static<typeof ProductSchema>;

const bucketOf = (step: string) =>
  `(extract(epoch from date_bin(make_interval(secs => ${step}), k.window_start, timestamptz '1970-01-01 00:00:00+00')) * 1000)::int8`;

/**
 * The `limit` values of `dimension` with the most events over the range, each rolled up into
 * step-wide buckets aligned to the epoch (empty buckets omitted). A measure that is NULL on every
 * minute of a bucket (category rows' checkouts, purchases, payment_failures, revenue) stays NULL.
 * One statement: the top values, then their buckets.
 */
const breakdownSql = `
  with top as (
    select dimension_value, sum(events) as total
      from serving.kpi_dim_minute
     where dimension = $1 and window_start >= $2 and window_start < $3
     group by dimension_value
     order by total desc, dimension_value
     limit $5)
  select t.dimension_value, t.total, ${bucketOf("$4")} as b, count(*)::int as n, bool_and(k.is_final) as f,
         ${breakdownMeasures.map((m) => `sum(k."${m}") as "${m}"`).join(", ")}
    from top t
    join serving.kpi_dim_minute k
      on k.dimension = $1 and k.dimension_value = t.dimension_value
     and k.window_start >= $2 and k.window_start < $3
   group by t.dimension_value, t.total, b
   order by t.total desc, t.dimension_value, b`;

type BucketRow = Record<string, number | null> & {
  dimension_value: string;
  total: number;
  b: number;
  n: number;
  f: boolean;
};

export async function breakdownSeries(
  pool: Pool,
  dimension: BreakdownDimension,
  range: TimeRange,
  limit: number,
): Promise<BreakdownSeries[]> {
  const { rows } = await pool.query<BucketRow>({
    name: "kpi-breakdown",
    text: breakdownSql,
    values: [dimension, range.from, range.to, range.stepSeconds, limit],
  });
  const stepMs = range.stepSeconds * 1000;
  const series: BreakdownSeries[] = [];
  for (const row of rows) {
    let current = series.at(-1);
    if (current?.dimension_value !== row.dimension_value) {
      current = { dimension_value: row.dimension_value, events: Number(row.total), buckets: [] };
      series.push(current);
    }
    const bucket: Record<string, unknown> = {
      window_start: new Date(Number(row.b)).toISOString(),
      window_end: new Date(Number(row.b) + stepMs).toISOString(),
    };
    for (const m of breakdownMeasures) bucket[m] = row[m] === null ? null : Number(row[m]);
    bucket.minutes = row.n;
    bucket.is_final = row.f;
    current.buckets.push(bucket as BreakdownSeries["buckets"][number]);
  }
  return series;
}

const productOrderColumn: Record<ProductOrder, string> = { views: "views", add_to_carts: "add_to_carts" };

/** The `limit` products with the most `by` over the hours of the range, best first (ties by product_id). */
export async function topProducts(
  pool: Pool,
  range: Pick<TimeRange, "from" | "to">,
  by: ProductOrder,
  limit: number,
): Promise<Product[]> {
  const order = productOrderColumn[by];
  const { rows } = await pool.query<Record<string, number | string>>({
    name: `top-products-${order}`,
    text: `select product_id, ${productMeasures.map((m) => `sum("${m}") as "${m}"`).join(", ")}
             from serving.product_hour
            where window_start >= $1 and window_start < $2
            group by product_id
            order by "${order}" desc, product_id
            limit $3`,
    values: [range.from, range.to, limit],
  });
  return rows.map((row) => {
    const item: Record<string, unknown> = { product_id: row.product_id };
    for (const m of productMeasures) item[m] = Number(row[m]);
    return item as Product;
  });
}
