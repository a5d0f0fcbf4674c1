import { ensureDeltaTable, lakeStore } from "@ecomstream/lake";
import { lakeLayout, layerSpecs } from "@ecomstream/lake-model";
import { type EcomConfig, loadConfig } from "@ecomstream/runtime";
import { SparkSession } from "@ecomstream/spark-connect";
import { tempDatabase, tempHome } from "@ecomstream/testkit";
import type pg from "pg";
import { type BuildOptions, buildApp } from "./app.js";
import { createPool, type Pool } from "./db.js";
import type { SampleSource } from "./samples.js";

/** Test helpers of the API: its test database, config and app; serving rows are seeded by testkit. */

export interface TestDb {
  url: string;
  /** The database as the API logs in: the ecom_reader role. */
  readerUrl: string;
  /** A privileged pool (the login user) to seed rows. */
  admin: pg.Pool;
  drop(): Promise<void>;
}

/** testkit's temporary database (`ecom_api_test_<random>`), its owner's pool as `admin`. */
export async function createTestDb(): Promise<TestDb> {
  const db = await tempDatabase("ecom_api_test");
  return { url: db.url, readerUrl: db.readerUrl, admin: db.pool, drop: () => db.drop() };
}

export const testKey = "test-key-123";

export function testConfig(overrides: Partial<EcomConfig["api"]> = {}): EcomConfig {
  const config = loadConfig({ ECOM_API_KEY: testKey, ECOM_API_RATE_LIMIT: "0" });
  return { ...config, api: { ...config.api, ...overrides } };
}

export const noSamples: SampleSource = { recent: async () => [], close: async () => undefined };

/** An app over the test database, with the reader pool the API uses in production. */
export async function testApp(db: TestDb, options: Partial<BuildOptions> = {}) {
  const pool: Pool = createPool(db.readerUrl, { max: 4 });
  const app = await buildApp({
    config: testConfig(),
    pool,
    databaseUrl: db.readerUrl,
    samples: noSamples,
    probeStage: async () => null,
    ...options,
  });
  app.addHook("onClose", async () => pool.end());
  return app;
}

/** An app over the test database listening on a free loopback port; returns it and its base URL. */
export async function listeningApp(db: TestDb, options: Partial<BuildOptions> = {}) {
  const app = await testApp(db, options);
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address();
  if (!address || typeof address === "string") throw new Error("the app is not listening on TCP");
  return { app, base: `http://127.0.0.1:${address.port}` };
}

/** Appends three quarantined records (two missing_field, one invalid_type) to quarantine's Delta table, as the silver writer does. */
export async function writeQuarantineFixture(config: EcomConfig): Promise<void> {
  const spark = await SparkSession.connect(config.spark.remote, { userId: "ecom-api-test" });
  try {
    const rows = [
      ["missing_field", "user_id", '{"event_id":"a"}', "2026-03-01 10:00:01"],
      ["invalid_type", "price", '{"price":"x"}', "2026-03-01 10:00:03"],
      ["missing_field", "session_id", '{"event_id":"b"}', "2026-03-01 11:00:02"],
    ]
      .map(
        ([reason, field, payload, ts], i) =>
          `SELECT '${reason}' AS reason, '${field}' AS field, '${payload}' AS raw_payload, 'k${i}' AS key, ` +
          `'ecom.events.raw.v1' AS topic, ${i} AS partition, CAST(${10_000_000_000 + i} AS BIGINT) AS offset, ` +
          `TIMESTAMP '${ts}' AS kafka_timestamp, TIMESTAMP '${ts}' AS ingest_ts, DATE '2026-03-01' AS ingest_date, ` +
          `${Number(ts?.slice(11, 13))} AS hour`,
      )
      .join(" UNION ALL ");
    const spec = layerSpecs(lakeLayout(config.lake.uri)).quarantine;
    await ensureDeltaTable(spark, lakeStore(config), spec);
    await (await spark.sql(rows)).write.format("delta").mode("append").save(spec.uri);
  } finally {
    await spark.close();
  }
}

/** testkit's temporary home with the test API key and no rate limit; `remove` deletes it. */
export function tempLakeConfig(): { config: EcomConfig; remove(): void } {
  const home = tempHome("ecom-api-lake-", { ECOM_API_KEY: testKey, ECOM_API_RATE_LIMIT: "0" });
  return { config: home.config, remove: home.remove };
}
