-- Up Migration
-- Removing KPI minutes (retention, a restatement that deletes) notifies channel `ecom_serving` once
-- per statement with a null key: the API's response cache forgets what it served from them.
CREATE FUNCTION serving.notify_kpi_removal() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('ecom_serving', json_build_object('table', 'kpi_minute', 'key', NULL)::text);
  RETURN NULL;
END $$;

CREATE TRIGGER kpi_minute_notify_delete AFTER DELETE ON serving.kpi_minute
  FOR EACH STATEMENT EXECUTE FUNCTION serving.notify_kpi_removal();
CREATE TRIGGER kpi_minute_notify_truncate AFTER TRUNCATE ON serving.kpi_minute
  FOR EACH STATEMENT EXECUTE FUNCTION serving.notify_kpi_removal();

-- Down Migration
DROP TRIGGER IF EXISTS kpi_minute_notify_truncate ON serving.kpi_minute;
DROP TRIGGER IF EXISTS kpi_minute_notify_delete ON serving.kpi_minute;
DROP FUNCTION IF EXISTS serving.notify_kpi_removal();
