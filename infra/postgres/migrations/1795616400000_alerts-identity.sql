-- Up Migration
-- An alert is identified by its metric and its first anomalous minute: a detector that judges the
-- same minutes again (after a restart, or with its cursor lost) finds its alert instead of adding one.
CREATE UNIQUE INDEX alerts_metric_window_start ON serving.alerts (metric, window_start);

-- Down Migration
DROP INDEX IF EXISTS serving.alerts_metric_window_start;
