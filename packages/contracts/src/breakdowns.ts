import { type KpiColumn, kpiCountColumns } from "./kpis.js";
import { sparkKpiAggregations } from "./spark-kpis.js";

/**
 * Gold's breakdown tables beside kpi_minute (issue 20): `kpi_dim_minute` (per minute, dimension and
 * value) and `product_hour` (per hour and product). Restated with kpi_minute, from the same silver
 * snapshot, exact distinct counts.
 */

/** A column of a gold table: kpi_minute's kinds plus text. */
export interface GoldColumn extends Omit<KpiColumn, "type"> {
  type: KpiColumn["type"] | "string" | "boolean";
}

/** The dimensions kpi_dim_minute breaks kpi_minute down by, each a silver column. */
export const breakdownDimensions = ["country", "device", "category"] as const;
export type BreakdownDimension = (typeof breakdownDimensions)[number];

/**
 * The event types that carry a category (the contract requires category on these only). For
 * `dimension = 'category'` kpi_dim_minute counts only these events: `events`, product_views and
 * add_to_carts are theirs, the measures of other events (checkouts, purchases, payment_failures,
 * revenue_usd) are NULL, never 0: a category has no purchases to speak of.
 */
export const categoryEventTypes = ["product_view", "add_to_cart", "remove_from_cart"] as const;

/** kpi_dim_minute's measures that add up over a dimension's values to kpi_minute's column of the same name. */
export const breakdownAdditiveMeasures = [
  "events",
  "product_views",
  "add_to_carts",
  "checkouts",
  "purchases",
  "payment_failures",
  "revenue_usd",
] as const;
export type BreakdownMeasure = (typeof breakdownAdditiveMeasures)[number];

/**
 * What each additive measure of the category rows adds up to, as a kpi_minute expression; the
 * measures not named are NULL on category rows.
 */
export const categoryMeasureTotals: Partial<Record<BreakdownMeasure, string>> = {
  events: categoryEventTypes.map((t) => kpiCountColumns[t]).join(" + "),
  product_views: "product_views",
  add_to_carts: "add_to_carts",
};

const nullOnCategory = "NULL on category rows";

/** The gold kpi_dim_minute columns, in order (partition columns event_date, hour follow in the table). */
export const kpiDimMinuteColumns: readonly GoldColumn[] = [
  {
    name: "window_start",
    type: "timestamp",
    nullable: false,
    definition: "start of the UTC minute (inclusive)",
  },
  { name: "window_end", type: "timestamp", nullable: false, definition: "end of the UTC minute (exclusive)" },
  { name: "dimension", type: "string", nullable: false, definition: "country, device or category" },
  {
    name: "dimension_value",
    type: "string",
    nullable: false,
    definition: "the event's value of the dimension (a country code, device or category)",
  },
  {
    name: "events",
    type: "bigint",
    nullable: false,
    definition: "count of events; on category rows, of product_view, add_to_cart and remove_from_cart events",
  },
  { name: "product_views", type: "bigint", nullable: false, definition: "count of product_view events" },
  { name: "add_to_carts", type: "bigint", nullable: false, definition: "count of add_to_cart events" },
  {
    name: "checkouts",
    type: "bigint",
    nullable: true,
    definition: `count of checkout_started events (${nullOnCategory})`,
  },
  {
    name: "purchases",
    type: "bigint",
    nullable: true,
    definition: `count of purchase events (${nullOnCategory})`,
  },
  {
    name: "payment_failures",
    type: "bigint",
    nullable: true,
    definition: `count of payment_failed events (${nullOnCategory})`,
  },
  {
    name: "revenue_usd",
    type: "double",
    nullable: true,
    definition: `sum of order_total x rate(currency) over purchases (${nullOnCategory})`,
  },
  {
    name: "unique_sessions",
    type: "bigint",
    nullable: false,
    definition: "distinct session_id among the row's events (exact; not additive over values)",
  },
];

/** The gold product_hour columns, in order (partition columns event_date, hour follow in the table). */
export const productHourColumns: readonly GoldColumn[] = [
  {
    name: "window_start",
    type: "timestamp",
    nullable: false,
    definition: "start of the UTC hour (inclusive)",
  },
  { name: "window_end", type: "timestamp", nullable: false, definition: "end of the UTC hour (exclusive)" },
  { name: "product_id", type: "string", nullable: false, definition: "the product" },
  { name: "views", type: "bigint", nullable: false, definition: "count of product_view events" },
  { name: "add_to_carts", type: "bigint", nullable: false, definition: "count of add_to_cart events" },
  {
    name: "remove_from_carts",
    type: "bigint",
    nullable: false,
    definition: "count of remove_from_cart events",
  },
  {
    name: "unique_sessions",
    type: "bigint",
    nullable: false,
    definition: "distinct session_id among the product's events (exact)",
  },
];

/** kpi_minute's aggregate expression for `name` (batch, exact distinct): one definition of each measure. */
function kpiAggregate(name: string): string {
  const item = sparkKpiAggregations({ exactDistinct: true }).find((a) => a.endsWith(` AS ${name}`));
  if (!item) throw new Error(`kpi_minute has no aggregate ${name}`);
  return item.slice(0, -` AS ${name}`.length);
}

/** UTC date and hour of the timestamp column `ts` as `event_date` and `hour` (session time zone aside). */
function partitionsOf(ts: string): string {
  const u = `unix_micros(${ts})`;
  return (
    `date_from_unix_date(CAST((${u} - pmod(${u}, 86400000000)) div 86400000000 AS INT)) AS event_date, ` +
    `CAST(pmod(${u}, 86400000000) div 3600000000 AS INT) AS hour`
  );
}

/** `event_ts` truncated to `micros`-long UTC windows. */
const windowOf = (micros: number) =>
  `timestamp_micros(unix_micros(event_ts) - pmod(unix_micros(event_ts), ${micros}))`;

/**
 * Batch kpi_dim_minute over `source` (silver rows: a view or parenthesised query), one pass: a
 * grouping set per dimension. Rows whose dimension value is NULL (category on events without one)
 * are left out. The columns of `kpiDimMinuteColumns` in order, then event_date and hour.
 */
export function sparkKpiDimMinuteSql(source: string): string {
  const onCategory = "grouping(category) = 0";
  const notOnCategory = (expr: string) => `CASE WHEN ${onCategory} THEN NULL ELSE ${expr} END`;
  const measures = [
    "count(*) AS events",
    `${kpiAggregate("product_views")} AS product_views`,
    `${kpiAggregate("add_to_carts")} AS add_to_carts`,
    `${notOnCategory(kpiAggregate("checkouts"))} AS checkouts`,
    `${notOnCategory(kpiAggregate("purchases"))} AS purchases`,
    `${notOnCategory(kpiAggregate("payment_failures"))} AS payment_failures`,
    `${notOnCategory(kpiAggregate("revenue_usd"))} AS revenue_usd`,
    `${kpiAggregate("unique_sessions")} AS unique_sessions`,
  ];
  const dimension =
    "CASE WHEN grouping(country) = 0 THEN 'country' WHEN grouping(device) = 0 THEN 'device' ELSE 'category' END";
  const value = "coalesce(country, device, category)";
  const columns = kpiDimMinuteColumns.map((c) => c.name).join(", ");
  return (
    `SELECT ${columns}, ${partitionsOf("window_start")} FROM (` +
    `SELECT window_start, window_start + INTERVAL 1 MINUTE AS window_end, ${dimension} AS dimension, ` +
    `${value} AS dimension_value, ${measures.join(", ")} ` +
    `FROM (SELECT *, ${windowOf(60_000_000)} AS window_start FROM ${source}) ` +
    "GROUP BY GROUPING SETS ((window_start, country), (window_start, device), (window_start, category))" +
    ") WHERE dimension_value IS NOT NULL"
  );
}

/**
 * Batch product_hour over `source` (silver rows), from the events that name a product
 * (product_view, add_to_cart, remove_from_cart). The columns of `productHourColumns` in order, then
 * event_date and hour.
 */
export function sparkProductHourSql(source: string): string {
  const columns = productHourColumns.map((c) => c.name).join(", ");
  return (
    `SELECT ${columns}, ${partitionsOf("window_start")} FROM (` +
    "SELECT window_start, window_start + INTERVAL 1 HOUR AS window_end, product_id, " +
    `${kpiAggregate("product_views")} AS views, ${kpiAggregate("add_to_carts")} AS add_to_carts, ` +
    `${kpiAggregate("remove_from_carts")} AS remove_from_carts, ${kpiAggregate("unique_sessions")} AS unique_sessions ` +
    `FROM (SELECT *, ${windowOf(3_600_000_000)} AS window_start FROM ${source} WHERE product_id IS NOT NULL) ` +
    "GROUP BY window_start, product_id)"
  );
}
