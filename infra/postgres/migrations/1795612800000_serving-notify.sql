-- Up Migration
-- Live updates: every new or changed KPI minute or alert notifies channel `ecom_serving` with its key
-- ({"table":"kpi_minute","key":<window_start epoch ms>} or {"table":"alerts","key":<id>}); the API
-- LISTENs and streams the rows to its /v1/stream clients. An upsert that changes nothing but
-- updated_at notifies nothing, so replays stay silent.
CREATE FUNCTION serving.notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'kpi_minute' THEN
    PERFORM pg_notify('ecom_serving', json_build_object(
      'table', 'kpi_minute', 'key', (extract(epoch FROM NEW.window_start) * 1000)::bigint)::text);
  ELSE
    PERFORM pg_notify('ecom_serving', json_build_object('table', 'alerts', 'key', NEW.id)::text);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER kpi_minute_notify_insert AFTER INSERT ON serving.kpi_minute
  FOR EACH ROW EXECUTE FUNCTION serving.notify_change();
CREATE TRIGGER kpi_minute_notify_update AFTER UPDATE ON serving.kpi_minute
  FOR EACH ROW WHEN ((to_jsonb(OLD) - 'updated_at') IS DISTINCT FROM (to_jsonb(NEW) - 'updated_at'))
  EXECUTE FUNCTION serving.notify_change();
CREATE TRIGGER alerts_notify_insert AFTER INSERT ON serving.alerts
  FOR EACH ROW EXECUTE FUNCTION serving.notify_change();
CREATE TRIGGER alerts_notify_update AFTER UPDATE ON serving.alerts
  FOR EACH ROW WHEN ((to_jsonb(OLD) - 'updated_at') IS DISTINCT FROM (to_jsonb(NEW) - 'updated_at'))
  EXECUTE FUNCTION serving.notify_change();

-- Down Migration
DROP TRIGGER IF EXISTS alerts_notify_update ON serving.alerts;
DROP TRIGGER IF EXISTS alerts_notify_insert ON serving.alerts;
DROP TRIGGER IF EXISTS kpi_minute_notify_update ON serving.kpi_minute;
DROP TRIGGER IF EXISTS kpi_minute_notify_insert ON serving.kpi_minute;
DROP FUNCTION IF EXISTS serving.notify_change();
