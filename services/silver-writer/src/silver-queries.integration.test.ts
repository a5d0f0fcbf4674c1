import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { lakeStore, readTable } from "@ecomstream/lake";
import { hourOf, hourStartMs, layerSpecs } from "@ecomstream/lake-model";
import {
  appendBronze,
  expectedVerdict,
  idSummary,
  runQueries,
  shopRecords,
  sparkTestContext,
} from "@ecomstream/testkit";
import { quarantineQuery, silverQuery } from "./silver-queries.js";

describe("silver-writer's queries on a tiny bronze (Spark)", () => {
  const lake = sparkTestContext("ecom-silver-queries-", { ECOM_SILVER_TRIGGER: "1 second" });

  it("puts each valid event in silver once, typed and in its event hour, and each invalid record in quarantine with the contract's reason", async () => {
    const store = lakeStore(lake.home.config);
    const specs = layerSpecs(lake.home.lake);
    const start = hourStartMs(hourOf(Date.now() - 4 * 3_600_000));
    const records = shopRecords(start, 0, 200);
    await appendBronze(lake.session, lake.home.lake, "t", records);
    await runQueries(lake.session, [
      silverQuery(lake.home.config, lake.home.lake),
      quarantineQuery(lake.home.config, lake.home.lake),
    ]);
    const expected = expectedVerdict(records);

    const silver = (await readTable(lake.session, store, specs.silver)).frame;
    const ids = await idSummary(silver, "event_id");
    assert.deepEqual(ids.ids, expected.ids, "every valid event, copies dropped");
    assert.equal(ids.rows, ids.distinct, "none twice");
    const misplaced = await silver!
      .filter("event_date <> to_date(event_ts) OR hour <> hour(event_ts)")
      .selectExpr("event_id")
      .collect();
    assert.deepEqual(misplaced, [], "each row in its event time's date and hour (UTC session)");

    const quarantine = (await readTable(lake.session, store, specs.quarantine)).frame;
    assert.ok(quarantine, "quarantine is a table");
    const reasons = new Map<string, number>();
    for (const r of await quarantine.selectExpr("reason").collect())
      reasons.set(String(r.reason), (reasons.get(String(r.reason)) ?? 0) + 1);
    assert.deepEqual(
      Object.fromEntries([...reasons].sort()),
      Object.fromEntries([...expected.byReason].sort()),
      "invalid records by reason, as the contract's TypeScript validator judges them",
    );
    for (const reason of ["invalid_enum", "missing_field", "invalid_json"])
      assert.ok(reasons.has(reason), `the fixture's records include ${reason}`);
  });
});
