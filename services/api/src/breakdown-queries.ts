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

/** The epoch-aligned `step`-wide bucket (a timestamptz) holding each minute `k.window_start`. */
const bucketOf = (step: string) =>
  `date_bin(make_interval(secs => ${step}), k.window_start, timestamptz '1970-01-01 00:00:00+00')`;

/**
 * The `limit` values of `dimension` with the most events over the range, each rolled up into
 * step-wide buckets aligned to the epoch (empty buckets omitted). A measure that is NULL on every
 * minute of a bucket (category rows' checkouts, purchases, payment_failures, revenue) stays NULL.
 * One statement, one pass over the range's minutes (the primary key's dimension, window_start
 * prefix): every value's buckets first, then the top values by the sum of their buckets' events,
 * then those values' buckets. Bucket starts turn into epoch milliseconds on the returned rows only.
 */
const breakdownSql = `
  with buckets as (
    select k.dimension_value, ${bucketOf("$4")} as bucket, count(*)::int as n, bool_and(k.is_final) as f,
           ${breakdownMeasures.map((m) => `sum(k."${m}") as "${m}"`).join(", ")}
      from serving.kpi_dim_minute k
     where k.dimension = $1 and k.window_start >= $2 and k.window_start < $3
     group by k.dimension_value, bucket),
  top as (
    select dimension_value, sum(events) as total
      from buckets
     group by dimension_value
     order by total desc, dimension_value
     limit $5)
  select t.dimension_value, t.total, (extract(epoch from b.bucket) * 1000)::int8 as b, b.n, b.f,
         ${breakdownMeasures.map((m) => `b."${m}"`).join(", ")}
    from top t
    join buckets b on b.dimension_value = t.dimension_value
   order by t.total desc, t.dimension_value, b.bucket`;

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
