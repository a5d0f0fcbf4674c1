-- Up Migration
-- Lake health, written by the lake-ops service after each run: per layer the files and bytes
-- readers read, its partitions' span, and the last compaction; per hour partition its files.
CREATE TABLE serving.lake_table (
  layer              text PRIMARY KEY CHECK (layer IN ('bronze', 'silver', 'quarantine', 'gold')),
  files              bigint NOT NULL,
  bytes              bigint NOT NULL,
  partitions         integer NOT NULL,
  oldest_partition   timestamptz,
  newest_partition   timestamptz,
  last_compaction_at timestamptz,
  last_compaction    jsonb,
  updated_at         timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE serving.lake_partition (
  layer      text NOT NULL REFERENCES serving.lake_table (layer) ON DELETE CASCADE,
  hour       timestamptz NOT NULL,
  files      integer NOT NULL,
  bytes      bigint NOT NULL,
  compacted  boolean NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (layer, hour)
);

GRANT SELECT, INSERT, UPDATE, DELETE ON serving.lake_table, serving.lake_partition TO ecom_writer;
GRANT SELECT ON serving.lake_table, serving.lake_partition TO ecom_reader;

-- Down Migration
DROP TABLE IF EXISTS serving.lake_partition, serving.lake_table;
