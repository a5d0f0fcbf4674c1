import assert from "node:assert/strict";
import { readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { restateGold } from "@ecomstream/gold-writer";
import { commitVersions, lakeStore, readTable, replayRange } from "@ecomstream/lake";
import { type HourKey, hourOf, hourStartMs } from "@ecomstream/lake-model";
import type { StreamingQuery } from "@ecomstream/spark-connect";
import {
  appendBronze,
  expectedVerdict,
  type KafkaRecord,
  runQueries,
  shopRecords,
  sparkTestContext,
  specsOf,
} from "@ecomstream/testkit";
import { silverWriterConsumers, silverWriterQueries, tableSummary } from "./silver-lake.fixture.js";

describe("replay of a time range from bronze (Spark)", () => {
  const lake = sparkTestContext("ecom-replay-", { ECOM_SILVER_TRIGGER: "1 second" });
  const store = () => lakeStore(lake.home.config);
  const start = hourStartMs(hourOf(Date.now() - 5 * 3_600_000));
  /** Every record appended to bronze so far. */
  const records: KafkaRecord[] = [];
  const replayOptions = (goldHours: HourKey[][] = []) => ({
    from: start - 3_600_000,
    to: start + 3 * 3_600_000,
    consumers: silverWriterConsumers(lake.home),
    restateGold: async (hours: HourKey[]) => {
      goldHours.push(hours);
      return restateGold(lake.session, lake.home.lake, store(), hours);
    },
  });

  it("restores a deleted silver partition with identical rows, changes nothing when run again, and leaves unread bronze to the stream", async () => {
    const specs = specsOf(lake.home);
    // three batches of 40 minutes each from `start`: Kafka time runs forward, as in bronze-writer
    for (let batch = 0; batch < 3; batch++) {
      const part = shopRecords(start + batch * 2_400_000, batch * 300, 300);
      records.push(...part);
      await appendBronze(lake.session, lake.home.lake, "t", part);
      await runQueries(lake.session, silverWriterQueries(lake.home));
    }
    const silverBefore = await tableSummary(lake.session, store(), specs.silver, "event_id");
    const quarantineBefore = await tableSummary(lake.session, store(), specs.quarantine, "offset");
    const expected = expectedVerdict(records);
    assert.deepEqual(silverBefore.ids, expected.ids, "silver-writer kept one copy of each valid event");
    assert.equal(
      quarantineBefore.rows,
      [...expected.byReason.values()].reduce((a, b) => a + b, 0),
    );
    assert.ok(silverBefore.rows > 300, `silver holds ${silverBefore.rows} events`);

    // deliberately delete the data files of one silver hour: reads of silver now fail
    const lost: HourKey = hourOf(start + 1_800_000);
    const folder = join(fileURLToPath(specs.silver.uri), `event_date=${lost.date}`, `hour=${lost.hour}`);
    const deleted = readdirSync(folder).filter((f) => f.endsWith(".parquet"));
    assert.ok(deleted.length > 0);
    for (const f of deleted) rmSync(join(folder, f));
    await assert.rejects(
      tableSummary(lake.session, store(), specs.silver, "event_id"),
      "silver misses files",
    );

    const goldHours: HourKey[][] = [];
    const options = replayOptions(goldHours);
    const silverVersions = await commitVersions(store(), specs.silver.uri);
    const quarantineVersions = await commitVersions(store(), specs.quarantine.uri);
    const first = await replayRange(lake.session, store(), specs, options);
    assert.deepEqual(
      await commitVersions(store(), specs.silver.uri),
      [...silverVersions, first.silver.version],
      "silver's hours are replaced in one commit",
    );
    assert.deepEqual(
      await commitVersions(store(), specs.quarantine.uri),
      [...quarantineVersions, first.quarantine.version],
      "quarantine's hours are replaced in one commit",
    );
    assert.ok(first.silver.filesRemoved > 0 && first.silver.filesAdded > 0);
    assert.equal(first.silver.rowsBefore, null, "the damaged partitions could not be counted before");
    assert.equal(first.silver.rowsAfter, silverBefore.rows);
    assert.equal(first.quarantine.rowsAfter, quarantineBefore.rows);
    assert.equal(first.bronzeFilesLeft, 0);
    assert.deepEqual(await tableSummary(lake.session, store(), specs.silver, "event_id"), silverBefore);
    assert.deepEqual(await tableSummary(lake.session, store(), specs.quarantine, "offset"), quarantineBefore);
    assert.ok(
      goldHours[0]!.some((h) => h.date === lost.date && h.hour === lost.hour),
      "gold is restated for the restored hour",
    );
    const gold = await readTable(lake.session, store(), specs.gold);
    const [sum] = await gold.frame!.selectExpr("sum(events) AS n").collect();
    assert.equal(Number(sum!.n), silverBefore.rows, "gold counts every silver event once");

    const second = await replayRange(lake.session, store(), specs, options);
    assert.equal(second.silver.rowsBefore, silverBefore.rows);
    assert.equal(second.silver.rowsAfter, silverBefore.rows);
    assert.equal(second.quarantine.rowsBefore, quarantineBefore.rows);
    assert.equal(second.quarantine.rowsAfter, quarantineBefore.rows);
    assert.deepEqual(await tableSummary(lake.session, store(), specs.silver, "event_id"), silverBefore);
    assert.deepEqual(await tableSummary(lake.session, store(), specs.quarantine, "offset"), quarantineBefore);

    // bronze silver-writer has not read yet is left to it: afterwards every event is there once
    const late = shopRecords(start + 2 * 3_600_000, 900, 100);
    records.push(...late);
    await appendBronze(lake.session, lake.home.lake, "t", late);
    const third = await replayRange(lake.session, store(), specs, options);
    assert.ok(third.bronzeFilesLeft > 0, "files silver-writer has not committed are not replayed");
    assert.equal(
      third.silver.bronzeVersion,
      second.silver.bronzeVersion,
      "bronze is read as of the stream's version",
    );
    assert.deepEqual(await tableSummary(lake.session, store(), specs.silver, "event_id"), silverBefore);
    await runQueries(lake.session, silverWriterQueries(lake.home));
    const after = await tableSummary(lake.session, store(), specs.silver, "event_id");
    assert.ok(after.rows > silverBefore.rows, "the stream added the new events");
    assert.equal(after.rows, after.distinct, "and none twice");
  });

  it("runs beside silver-writer's live streams: afterwards every event is in silver once, every invalid record in quarantine once", async () => {
    const specs = specsOf(lake.home);
    const queries: StreamingQuery[] = [];
    for (const managed of silverWriterQueries(lake.home)) queries.push(await managed.start(lake.session));
    try {
      // more bronze while the streams run and two replays of the same hours rebuild silver and quarantine
      const appending = (async () => {
        for (let k = 0; k < 4; k++) {
          const part = shopRecords(
            start + 2 * 3_600_000 + 2_400_000 + k * 300_000,
            1000 + k * 100,
            100,
            300_000,
          );
          records.push(...part);
          await appendBronze(lake.session, lake.home.lake, "t", part);
          await new Promise((resolve) => setTimeout(resolve, 1500));
        }
      })();
      const replaying = (async () => {
        for (let i = 0; i < 2; i++) await replayRange(lake.session, store(), specs, replayOptions());
      })();
      await Promise.all([appending, replaying]);
      for (const query of queries) await query.processAllAvailable();
    } finally {
      for (const query of queries) await query.stop();
    }
    const expected = expectedVerdict(records);
    const silver = await tableSummary(lake.session, store(), specs.silver, "event_id");
    assert.deepEqual(silver.ids, expected.ids, "no event lost");
    assert.equal(silver.rows, silver.distinct, "none twice");
    const quarantine = await tableSummary(lake.session, store(), specs.quarantine, "offset");
    assert.equal(
      quarantine.rows,
      [...expected.byReason.values()].reduce((a, b) => a + b, 0),
    );
    assert.equal(quarantine.rows, quarantine.distinct);
  });

  it("refuses while silver-writer has not read bronze, with the fix", async () => {
    const specs = specsOf(lake.home);
    await assert.rejects(
      replayRange(lake.session, store(), specs, {
        from: start,
        to: start + 3_600_000,
        consumers: {
          silver: { name: "ecom_silver", checkpoint: `${lake.home.config.checkpoints.uri}/none` },
          quarantine: { name: "ecom_quarantine", checkpoint: `${lake.home.config.checkpoints.uri}/none` },
        },
        restateGold: async () => undefined,
      }),
      (error: Error & { fix?: string }) =>
        /has not read bronze yet/.test(error.message) && /\.\/ecom up/.test(error.fix ?? ""),
    );
  });
});
