-- Up Migration
-- serving: what the API reads. kpi_minute mirrors gold (spec "Gold: kpi_minute") plus is_final.

CREATE TABLE serving.kpi_minute (
  window_start         timestamptz PRIMARY KEY,
  window_end           timestamptz NOT NULL,
  events               bigint NOT NULL,
  page_views           bigint NOT NULL,
  product_views        bigint NOT NULL,
  add_to_carts         bigint NOT NULL,
  remove_from_carts    bigint NOT NULL,
  checkouts            bigint NOT NULL,
  purchases            bigint NOT NULL,
  payment_failures     bigint NOT NULL,
  unique_users         bigint NOT NULL,
  unique_sessions      bigint NOT NULL,
  revenue_usd          double precision NOT NULL,
  aov_usd              double precision,
  conversion_rate      double precision,
  payment_failure_rate double precision,
  is_final             boolean NOT NULL DEFAULT false,
  source               text NOT NULL DEFAULT 'provisional' CHECK (source IN ('provisional', 'gold')),
  updated_at           timestamptz NOT NULL DEFAULT now(),
  CHECK (window_end > window_start)
);
CREATE INDEX kpi_minute_updated_at ON serving.kpi_minute (updated_at);

CREATE TABLE serving.alerts (
  id           bigserial PRIMARY KEY,
  metric       text NOT NULL,
  window_start timestamptz NOT NULL,
  observed     double precision,
  expected     double precision,
  score        double precision,
  severity     text NOT NULL CHECK (severity IN ('info', 'warning', 'critical')),
  status       text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'acknowledged', 'resolved')),
  method       text NOT NULL,
  kind         text NOT NULL DEFAULT 'business' CHECK (kind IN ('business', 'data_quality')),
  message      text NOT NULL,
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now()
);
-- one alert per metric while it is not resolved: no storm of duplicates
CREATE UNIQUE INDEX alerts_one_unresolved_per_metric ON serving.alerts (metric) WHERE status <> 'resolved';
CREATE INDEX alerts_window_start ON serving.alerts (window_start DESC, id DESC);

-- data quality per ingest minute, from silver and quarantine
CREATE TABLE serving.quality_minute (
  minute                timestamptz PRIMARY KEY,
  records               bigint NOT NULL,
  valid                 bigint NOT NULL,
  quarantined           bigint NOT NULL,
  quarantined_by_reason jsonb NOT NULL DEFAULT '{}'::jsonb,
  duplicates            bigint NOT NULL,
  late                  bigint NOT NULL,
  updated_at            timestamptz NOT NULL DEFAULT now()
);

-- what pipeline health needs: each stage's latest report
CREATE TABLE serving.pipeline_stage (
  stage                 text PRIMARY KEY,
  last_batch_at         timestamptz,
  input_rows_per_second double precision,
  lag_records           bigint,
  freshness_seconds     double precision,
  details               jsonb NOT NULL DEFAULT '{}'::jsonb,
  updated_at            timestamptz NOT NULL DEFAULT now()
);

-- cursors of the services that fill serving (e.g. the loader's position in gold)
CREATE TABLE serving.service_state (
  name       text PRIMARY KEY,
  value      jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Roles: services connect with one URL and `SET ROLE` to the least they need.
-- ecom_writer: loader and detector. ecom_reader: the API, which may only change an alert's status.
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'ecom_writer') THEN CREATE ROLE ecom_writer NOLOGIN; END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'ecom_reader') THEN CREATE ROLE ecom_reader NOLOGIN; END IF;
END $$;
GRANT USAGE ON SCHEMA serving TO ecom_writer, ecom_reader;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA serving TO ecom_writer;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA serving TO ecom_writer;
GRANT SELECT ON ALL TABLES IN SCHEMA serving TO ecom_reader;
GRANT UPDATE (status, updated_at) ON serving.alerts TO ecom_reader;
DO $$
BEGIN
  EXECUTE format('GRANT ecom_writer, ecom_reader TO %I', current_user);
END $$;

-- Down Migration
DROP TABLE IF EXISTS serving.service_state, serving.pipeline_stage, serving.quality_minute, serving.alerts, serving.kpi_minute;
