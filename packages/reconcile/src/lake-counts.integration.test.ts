import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { deltaPath, ensureDeltaTable, lakeStore } from "@ecomstream/lake";
import { bronzeWithVerdictSql, hourOf, hourStartMs, lakeLayout, layerSpecs } from "@ecomstream/lake-model";
import {
  appendBronze,
  expectedVerdict,
  plantedVerdictSql,
  shopRecords,
  sparkTestContext,
} from "@ecomstream/testkit";
import { lakeCounts } from "./lake-counts.js";
import { registerLakeViews } from "./lake-views.js";

describe("lakeCounts: bronze's stored verdicts against fresh ones (Spark)", () => {
  const lake = sparkTestContext("ecom-lake-counts-");

  it("counts the stored verdicts and those that differ from the contract's verdict now", async () => {
    const { session, home } = lake;
    const start = hourStartMs(hourOf(Date.now() - 3 * 3_600_000));
    const records = shopRecords(start, 0, 80);
    // records committed before bronze stored verdicts: a table without the column, as old lakes hold
    const bronze = layerSpecs(home.lake).bronze;
    const old = {
      ...bronze,
      ddl: bronze.ddl.slice(0, bronze.ddl.lastIndexOf(", verdict ")),
      addedColumns: [],
    };
    await ensureDeltaTable(session, lakeStore(home.config), old);
    const staging = lakeLayout(`${home.config.lake.uri}/_staging`);
    await appendBronze(session, staging, "t", records);
    await (
      await session.sql(
        `INSERT INTO ${deltaPath(home.lake.bronze)} SELECT * EXCEPT (verdict) FROM (${bronzeWithVerdictSql(
          `(SELECT * FROM ${deltaPath(staging.bronze)} WHERE offset < 20)`,
        )})`,
      )
    ).collect();

    // a stage starting on the old table adds the column; then records are committed with verdicts,
    // two of them planted wrong (a valid record stored as invalid, an invalid one stored as valid)
    await ensureDeltaTable(session, lakeStore(home.config), bronze);
    const properties = await (
      await session.sql(`SHOW TBLPROPERTIES ${deltaPath(home.lake.bronze)}`)
    ).collect();
    assert.deepEqual(
      properties.filter((p) => p.key === "delta.dataSkippingStatsColumns").map((p) => p.value),
      [bronze.properties?.["delta.dataSkippingStatsColumns"]],
      "the statistics setting that came with the verdict column is set too",
    );
    const valid = records.find((r) => r.offset >= 20 && expectedVerdict([r]).ids.length === 1)!;
    const invalid = records.find((r) => r.offset >= 20 && expectedVerdict([r]).ids.length === 0)!;
    await (
      await session.sql(
        `INSERT INTO ${deltaPath(home.lake.bronze)} SELECT * EXCEPT (verdict), CASE offset ` +
          `WHEN ${valid.offset} THEN ${plantedVerdictSql("invalid_enum", "device")} WHEN ${invalid.offset} THEN ${plantedVerdictSql(null)} ` +
          `ELSE verdict END AS verdict FROM (${bronzeWithVerdictSql(
            `(SELECT * FROM ${deltaPath(staging.bronze)} WHERE offset >= 20)`,
          )})`,
      )
    ).collect();

    await registerLakeViews(session, home.config);
    const counts = await lakeCounts(session, "t", {}, false);
    assert.equal(counts.bronze, records.length);
    assert.equal(counts.storedVerdicts, records.length - 20, "records committed with a verdict");
    assert.equal(counts.storedVerdictsDiffering, 2, "the two planted verdicts, and no other");
    const expected = expectedVerdict(records);
    assert.equal(counts.distinctValidIds, expected.ids.length, "expected silver comes from fresh verdicts");
    assert.deepEqual(
      Object.fromEntries([...counts.invalidByReason].sort()),
      Object.fromEntries([...expected.byReason].sort()),
    );
  });
});
