-- Up Migration
-- A statement that changes serving.kpi_dim_minute or serving.product_hour notifies channel
-- `ecom_serving` once with {"table":"kpi_minute","key":null}: the API's response cache forgets what
-- it served (breakdowns, top products), as for a removal of KPI minutes; /v1/stream sends nothing.
-- A statement that changes no row (the same gold loaded again) notifies nothing.
CREATE FUNCTION serving.notify_breakdown_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM changed) THEN
    PERFORM pg_notify('ecom_serving', json_build_object('table', 'kpi_minute', 'key', NULL)::text);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER kpi_dim_minute_notify_insert AFTER INSERT ON serving.kpi_dim_minute
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION serving.notify_breakdown_change();
CREATE TRIGGER kpi_dim_minute_notify_update AFTER UPDATE ON serving.kpi_dim_minute
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION serving.notify_breakdown_change();
CREATE TRIGGER kpi_dim_minute_notify_delete AFTER DELETE ON serving.kpi_dim_minute
  REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION serving.notify_breakdown_change();
CREATE TRIGGER kpi_dim_minute_notify_truncate AFTER TRUNCATE ON serving.kpi_dim_minute
  FOR EACH STATEMENT EXECUTE FUNCTION serving.notify_kpi_removal();
CREATE TRIGGER product_hour_notify_insert AFTER INSERT ON serving.product_hour
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION serving.notify_breakdown_change();
CREATE TRIGGER product_hour_notify_update AFTER UPDATE ON serving.product_hour
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION serving.notify_breakdown_change();
CREATE TRIGGER product_hour_notify_delete AFTER DELETE ON serving.product_hour
  REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION serving.notify_breakdown_change();
CREATE TRIGGER product_hour_notify_truncate AFTER TRUNCATE ON serving.product_hour
  FOR EACH STATEMENT EXECUTE FUNCTION serving.notify_kpi_removal();

-- Down Migration
DROP TRIGGER IF EXISTS product_hour_notify_truncate ON serving.product_hour;
DROP TRIGGER IF EXISTS product_hour_notify_delete ON serving.product_hour;
DROP TRIGGER IF EXISTS product_hour_notify_update ON serving.product_hour;
DROP TRIGGER IF EXISTS product_hour_notify_insert ON serving.product_hour;
DROP TRIGGER IF EXISTS kpi_dim_minute_notify_truncate ON serving.kpi_dim_minute;
DROP TRIGGER IF EXISTS kpi_dim_minute_notify_delete ON serving.kpi_dim_minute;
DROP TRIGGER IF EXISTS kpi_dim_minute_notify_update ON serving.kpi_dim_minute;
DROP TRIGGER IF EXISTS kpi_dim_minute_notify_insert ON serving.kpi_dim_minute;
DROP FUNCTION IF EXISTS serving.notify_breakdown_change();
