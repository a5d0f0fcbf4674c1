import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { deltaPath, lakeStore, readTable } from "@ecomstream/lake";
import { bronzeWithVerdictSql, hourOf, hourStartMs, lakeLayout, layerSpecs } from "@ecomstream/lake-model";
import {
  appendBronze,
  expectedVerdict,
  idSummary,
  plantedVerdictSql,
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

describe("silver-writer's queries copy the verdict bronze stored (Spark)", () => {
  const lake = sparkTestContext("ecom-silver-stored-", { ECOM_SILVER_TRIGGER: "1 second" });

  it("files each record by its stored verdict without judging it again, and judges rows stored without one", async () => {
    const { session, home } = lake;
    const store = lakeStore(home.config);
    const specs = layerSpecs(home.lake);
    const start = hourStartMs(hourOf(Date.now() - 4 * 3_600_000));
    const records = shopRecords(start, 0, 120);
    // the first 60 records committed before bronze stored verdicts (verdict NULL)
    await appendBronze(session, home.lake, "t", records.slice(0, 60));
    // the rest as bronze-writer commits them, one valid record's verdict planted as invalid_enum
    const staging = lakeLayout(`${home.config.lake.uri}/_staging`);
    await appendBronze(session, staging, "t", records.slice(60));
    const once = (r: (typeof records)[number]) => records.filter((x) => x.value === r.value).length === 1;
    const planted = records.slice(60).find((r) => expectedVerdict([r]).ids.length === 1 && once(r))!;
    const plantedVerdict = plantedVerdictSql("invalid_enum", "device");
    await (
      await session.sql(
        `INSERT INTO ${deltaPath(home.lake.bronze)} SELECT * EXCEPT (verdict), ` +
          `CASE WHEN offset = ${planted.offset} THEN ${plantedVerdict} ELSE verdict END AS verdict ` +
          `FROM (${bronzeWithVerdictSql(deltaPath(staging.bronze))})`,
      )
    ).collect();

    await runQueries(session, [silverQuery(home.config, home.lake), quarantineQuery(home.config, home.lake)]);
    const expected = expectedVerdict(records);
    const plantedId = expectedVerdict([planted]).ids[0]!;

    const silver = (await readTable(session, store, specs.silver)).frame;
    const ids = await idSummary(silver, "event_id");
    assert.deepEqual(
      ids.ids,
      expected.ids.filter((id) => id !== plantedId),
      "every valid event but the one bronze stored as invalid",
    );

    const quarantine = (await readTable(session, store, specs.quarantine)).frame!;
    const rows = await quarantine.selectExpr("reason", "field", "raw_payload", "offset").collect();
    const plantedRows = rows.filter((r) => Number(r.offset) === planted.offset);
    assert.deepEqual(
      plantedRows.map((r) => [r.reason, r.field, r.raw_payload]),
      [["invalid_enum", "device", planted.value]],
      "the planted record is quarantined with the stored reason, its payload byte for byte",
    );
    const reasons = new Map<string, number>();
    for (const r of rows) reasons.set(String(r.reason), (reasons.get(String(r.reason)) ?? 0) + 1);
    const expectedReasons = new Map(expected.byReason);
    expectedReasons.set("invalid_enum", (expectedReasons.get("invalid_enum") ?? 0) + 1);
    assert.deepEqual(
      Object.fromEntries([...reasons].sort()),
      Object.fromEntries([...expectedReasons].sort()),
      "rows without a stored verdict are judged as the contract judges them",
    );
  });
});
