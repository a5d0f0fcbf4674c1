-- Up Migration
-- The serving layer's schema. Tables arrive with the serving issue's migrations.
CREATE SCHEMA IF NOT EXISTS serving;

-- Down Migration
DROP SCHEMA IF EXISTS serving;
