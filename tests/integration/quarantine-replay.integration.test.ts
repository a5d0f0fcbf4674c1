import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { restateGold } from "@ecomstream/gold-writer";
import {
  commitVersions,
  deltaPath,
  type LakeStore,
  lakeStore,
  readTable,
  replayQuarantine,
} from "@ecomstream/lake";
import { type HourKey, hourOf, hourStartMs } from "@ecomstream/lake-model";
import type { SparkSession } from "@ecomstream/spark-connect";
import {
  appendBronze,
  expectedVerdict,
  type KafkaRecord,
  runQueries,
  shopRecords,
  smartTvContract,
  sparkTestContext,
  specsOf,
  type TempHome,
} from "@ecomstream/testkit";
import { silverWriterQueries, tableSummary } from "./silver-lake.fixture.js";

/** Records the relaxed contract accepts and the current one quarantines: device smart_tv, valid otherwise. */
function smartTvRecords(records: readonly KafkaRecord[]) {
  return records.filter((r) => {
    let parsed: Record<string, unknown>;
    try {
      parsed = JSON.parse(r.value) as Record<string, unknown>;
    } catch {
      return false;
    }
    if (parsed.device !== "smart_tv") return false;
    return (
      expectedVerdict([{ ...r, value: JSON.stringify({ ...parsed, device: "mobile" }) }]).ids.length === 1
    );
  });
}

async function quarantineByReason(session: SparkSession, store: LakeStore, home: TempHome) {
  const { frame } = await readTable(session, store, specsOf(home).quarantine);
  const rows = await frame!.selectExpr("reason").collect();
  const out: Record<string, number> = {};
  for (const r of rows) out[String(r.reason)] = (out[String(r.reason)] ?? 0) + 1;
  return out;
}

describe("quarantine replay with a relaxed rule (Spark)", () => {
  const lake = sparkTestContext("ecom-qreplay-", { ECOM_SILVER_TRIGGER: "1 second" });
  const store = () => lakeStore(lake.home.config);
  const start = hourStartMs(hourOf(Date.now() - 4 * 3_600_000));

  it("moves exactly the records the relaxed rule accepts into silver, once", async () => {
    const specs = specsOf(lake.home);
    const records: KafkaRecord[] = [];
    for (let batch = 0; batch < 2; batch++) {
      const part = shopRecords(start + batch * 2_400_000, batch * 300, 300);
      records.push(...part);
      await appendBronze(lake.session, lake.home.lake, "t", part);
      await runQueries(lake.session, silverWriterQueries(lake.home));
    }
    await restateGold(lake.session, lake.home.lake, store()); // gold of every hour, as gold-writer keeps it
    const silverBefore = await tableSummary(lake.session, store(), specs.silver, "event_id");
    const reasonsBefore = await quarantineByReason(lake.session, store(), lake.home);
    const accepted = smartTvRecords(records);
    const acceptedIds = [
      ...new Set(accepted.map((r) => (JSON.parse(r.value) as { event_id: string }).event_id)),
    ];
    assert.ok(accepted.length > 10, `${accepted.length} smart_tv records`);
    assert.ok(accepted.length > acceptedIds.length, "some of them are copies");
    assert.ok((reasonsBefore.invalid_enum ?? 0) > accepted.length, "country 'de' stays invalid_enum");

    const restated: HourKey[][] = [];
    const options = {
      reason: "invalid_enum",
      restateGold: async (hours: HourKey[]) => {
        restated.push(hours);
        return restateGold(lake.session, lake.home.lake, store(), hours);
      },
    };
    const unchanged = await replayQuarantine(lake.session, store(), specs, options);
    assert.equal(unchanged.examined, reasonsBefore.invalid_enum);
    assert.equal(unchanged.passed, 0, "the current contract accepts none of them");

    const relaxed = { ...options, fields: smartTvContract };
    const quarantineVersions = await commitVersions(store(), specs.quarantine.uri);
    const first = await replayQuarantine(lake.session, store(), specs, relaxed);
    assert.equal(first.passed, accepted.length);
    assert.equal(first.moved, acceptedIds.length);
    const silverAfter = await tableSummary(lake.session, store(), specs.silver, "event_id");
    assert.deepEqual(silverAfter.ids, [...silverBefore.ids, ...acceptedIds].sort());
    assert.equal(silverAfter.rows, silverAfter.distinct);
    assert.deepEqual(await quarantineByReason(lake.session, store(), lake.home), {
      ...reasonsBefore,
      invalid_enum: reasonsBefore.invalid_enum! - accepted.length,
    });
    assert.ok(restated.length === 1 && restated[0]!.length > 0, "gold restated for the moved hours");
    const gold = await readTable(lake.session, store(), specs.gold);
    const [sum] = await gold.frame!.selectExpr("sum(events) AS n").collect();
    assert.equal(Number(sum!.n), silverAfter.rows, "gold counts every silver event once");

    // a crash between the two commits: silver holds the moved events, quarantine still the records
    const reasonsAfter = await quarantineByReason(lake.session, store(), lake.home);
    await (
      await lake.session.sql(
        `RESTORE TABLE ${deltaPath(specs.quarantine.uri)} TO VERSION AS OF ${quarantineVersions.at(-1)}`,
      )
    ).collect();
    assert.deepEqual(await quarantineByReason(lake.session, store(), lake.home), reasonsBefore);
    const resumed = await replayQuarantine(lake.session, store(), specs, relaxed);
    assert.equal(
      resumed.passed,
      accepted.length,
      "the run after the crash takes the records out of quarantine",
    );
    assert.equal(resumed.moved, 0, "and adds none of them to silver again");
    assert.deepEqual(await quarantineByReason(lake.session, store(), lake.home), reasonsAfter);
    assert.deepEqual(await tableSummary(lake.session, store(), specs.silver, "event_id"), silverAfter);
    assert.deepEqual(restated[1], restated[0], "and restates gold for the same hours");

    const second = await replayQuarantine(lake.session, store(), specs, relaxed);
    assert.equal(second.passed, 0, "a second run moves nothing");
    assert.equal(second.moved, 0);
    assert.deepEqual(await tableSummary(lake.session, store(), specs.silver, "event_id"), silverAfter);
  });
});
