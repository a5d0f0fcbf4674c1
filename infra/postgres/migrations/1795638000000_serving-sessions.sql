-- Up Migration
-- Gold's sessions/v1 as the API reads them (issue 20): one row per session (a session_id whose
-- events lie further apart than ECOM_SESSION_GAP makes two, hence the key session_id +
-- session_start), as gold holds it plus is_final (false = provisional: its gap has not passed, it
-- may still grow) and updated_at. Loaded and replaced by the loader as gold restates session-start
-- hours. A statement that changes rows notifies channel `ecom_serving` as the breakdown tables do
-- (serving.notify_breakdown_change): the API's response cache forgets its session summaries and funnels.
CREATE TABLE serving.sessions (
  session_id       text NOT NULL CHECK (session_id <> ''),
  session_start    timestamptz NOT NULL,
  session_end      timestamptz NOT NULL,
  duration_seconds double precision NOT NULL CHECK (duration_seconds >= 0),
  events           bigint NOT NULL CHECK (events > 0),
  device           text NOT NULL,
  country          text NOT NULL,
  viewed_product   boolean NOT NULL,
  added_to_cart    boolean NOT NULL,
  started_checkout boolean NOT NULL,
  purchased        boolean NOT NULL,
  revenue_usd      double precision NOT NULL,
  is_final         boolean NOT NULL,
  updated_at       timestamptz NOT NULL,
  PRIMARY KEY (session_id, session_start),
  CHECK (session_end >= session_start)
);
-- the API's ranges and the loader's hour replacement select by start
CREATE INDEX sessions_start ON serving.sessions (session_start);

GRANT SELECT, INSERT, UPDATE, DELETE ON serving.sessions TO ecom_writer;
GRANT SELECT ON serving.sessions TO ecom_reader;

CREATE TRIGGER sessions_notify_insert AFTER INSERT ON serving.sessions
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION serving.notify_breakdown_change();
CREATE TRIGGER sessions_notify_update AFTER UPDATE ON serving.sessions
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION serving.notify_breakdown_change();
CREATE TRIGGER sessions_notify_delete AFTER DELETE ON serving.sessions
  REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION serving.notify_breakdown_change();
CREATE TRIGGER sessions_notify_truncate AFTER TRUNCATE ON serving.sessions
  FOR EACH STATEMENT EXECUTE FUNCTION serving.notify_kpi_removal();

-- Down Migration
DROP TABLE IF EXISTS serving.sessions;
