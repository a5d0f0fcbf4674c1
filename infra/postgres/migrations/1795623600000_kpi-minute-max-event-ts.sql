-- Up Migration
-- The newest event time a kpi_minute row counts (the provisional stream's max_event_ts): the API
-- shows it, so a reader can tell how old the newest visible event is. Null for rows written without
-- it (gold's final rows keep what the provisional stream gave). The loader never moves it back.
ALTER TABLE serving.kpi_minute ADD COLUMN max_event_ts timestamptz NULL;

-- Down Migration
ALTER TABLE serving.kpi_minute DROP COLUMN IF EXISTS max_event_ts;
