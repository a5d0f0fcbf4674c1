-- Up Migration
-- Gold's breakdown tables as the API reads them (issue 20): kpi_dim_minute (per minute, dimension
-- and value) and product_hour (per hour and product), each row as gold holds it plus is_final and
-- updated_at. Category rows carry only product_view/add_to_cart/remove_from_cart measures: the
-- others are NULL there, never 0.
CREATE TABLE serving.kpi_dim_minute (
  window_start     timestamptz NOT NULL,
  window_end       timestamptz NOT NULL,
  dimension        text NOT NULL CHECK (dimension IN ('country', 'device', 'category')),
  dimension_value  text NOT NULL,
  events           bigint NOT NULL,
  product_views    bigint NOT NULL,
  add_to_carts     bigint NOT NULL,
  checkouts        bigint,
  purchases        bigint,
  payment_failures bigint,
  revenue_usd      double precision,
  unique_sessions  bigint NOT NULL,
  is_final         boolean NOT NULL,
  updated_at       timestamptz NOT NULL,
  PRIMARY KEY (dimension, window_start, dimension_value),
  CHECK (window_end > window_start)
);

CREATE TABLE serving.product_hour (
  window_start      timestamptz NOT NULL,
  window_end        timestamptz NOT NULL,
  product_id        text NOT NULL,
  views             bigint NOT NULL,
  add_to_carts      bigint NOT NULL,
  remove_from_carts bigint NOT NULL,
  unique_sessions   bigint NOT NULL,
  is_final          boolean NOT NULL,
  updated_at        timestamptz NOT NULL,
  PRIMARY KEY (window_start, product_id),
  CHECK (window_end > window_start)
);

GRANT SELECT, INSERT, UPDATE, DELETE ON serving.kpi_dim_minute, serving.product_hour TO ecom_writer;
GRANT SELECT ON serving.kpi_dim_minute, serving.product_hour TO ecom_reader;

-- Down Migration
DROP TABLE IF EXISTS serving.product_hour, serving.kpi_dim_minute;
