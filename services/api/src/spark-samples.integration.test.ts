import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { loadConfig } from "@ecomstream/runtime";
import { tempLakeConfig, writeQuarantineFixture } from "./api.fixture.js";
import { sparkSampleSource } from "./spark-samples.js";

describe("quarantine samples from the lake through Spark Connect", () => {
  const lake = tempLakeConfig();
  const source = sparkSampleSource(lake.config);
  before(() => writeQuarantineFixture(lake.config));
  after(async () => {
    await source.close();
    lake.remove();
  });

  it("returns the newest first, filtered by reason, limited", async () => {
    const all = await source.recent(undefined, 10);
    assert.deepEqual(
      all.map((s) => s.field),
      ["session_id", "price", "user_id"],
    );
    const newest = all[0];
    assert.equal(newest?.reason, "missing_field");
    assert.equal(newest?.raw_payload, '{"event_id":"b"}');
    assert.equal(newest?.offset, 10_000_000_002);
    assert.equal(newest?.partition, 2);
    assert.equal(newest?.ingest_ts, new Date("2026-03-01T11:00:02Z").toISOString());
    const missing = await source.recent("missing_field", 1);
    assert.deepEqual(
      missing.map((s) => s.field),
      ["session_id"],
    );
  });

  it("answers every reason and limit from one query, kept for the cache period", async () => {
    const lake = tempLakeConfig();
    const cached = sparkSampleSource(lake.config, { cacheMs: 600_000 });
    try {
      await writeQuarantineFixture(lake.config);
      assert.equal((await cached.recent(undefined, 10)).length, 3);
      // the lake is gone: answers that still come are the first query's, sliced to each limit
      lake.remove();
      assert.deepEqual(
        (await cached.recent(undefined, 2)).map((s) => s.field),
        ["session_id", "price"],
      );
      assert.deepEqual(
        (await cached.recent("missing_field", 5)).map((s) => s.field),
        ["session_id", "user_id"],
      );
      assert.equal((await cached.recent("invalid_type", 5)).length, 1);
      assert.deepEqual(await cached.recent("invalid_json", 5), []);
    } finally {
      await cached.close();
      lake.remove();
    }
  });

  it("answers an empty list while the lake has no quarantine", async () => {
    const empty = tempLakeConfig();
    const nothing = sparkSampleSource(empty.config);
    try {
      assert.deepEqual(await nothing.recent(undefined, 5), []);
    } finally {
      await nothing.close();
      empty.remove();
    }
  });

  it("is a 503 ApiError with the reason when Spark cannot be reached", async () => {
    const down = sparkSampleSource(loadConfig({ ...process.env, ECOM_SPARK_REMOTE: "sc://127.0.0.1:9" }), {
      connectTimeoutMs: 500,
    });
    try {
      await assert.rejects(down.recent(undefined, 5), (error: { statusCode?: number; message: string }) => {
        assert.equal(error.statusCode, 503);
        assert.match(error.message, /cannot read quarantine samples/);
        return true;
      });
    } finally {
      await down.close();
    }
  });
});
