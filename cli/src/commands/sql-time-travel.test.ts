import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { timeTravelByName } from "./sql-time-travel.js";

const paths = {
  silver: "file:///lake/silver/ecom_events/v1",
  gold_kpi_minute: "file:///lake/gold/kpi_minute/v1",
};

describe("time travel by a lake table's name", () => {
  it("rewrites VERSION AS OF and TIMESTAMP AS OF after a table's name to its Delta path", () => {
    assert.equal(
      timeTravelByName("SELECT count(*) FROM silver VERSION AS OF 3", paths),
      "SELECT count(*) FROM delta.`file:///lake/silver/ecom_events/v1` VERSION AS OF 3",
    );
    assert.equal(
      timeTravelByName("select * from GOLD_KPI_MINUTE  timestamp as of '2026-12-06 10:00:00' g", paths),
      "select * from delta.`file:///lake/gold/kpi_minute/v1`  timestamp as of '2026-12-06 10:00:00' g",
    );
  });

  it("leaves names without a time travel clause, other tables, literals and quoted names alone", () => {
    for (const query of [
      "SELECT * FROM silver WHERE user_id = 'silver VERSION AS OF 1'",
      "SELECT * FROM my_silver VERSION AS OF 1",
      "SELECT * FROM x.silver VERSION AS OF 1",
      "SELECT * FROM `silver` VERSION AS OF 1",
      "SELECT * FROM bronze VERSION AS OF 1",
      "SELECT silver.event_id FROM silver",
    ]) {
      assert.equal(timeTravelByName(query, paths), query, query);
    }
  });

  it("rewrites each occurrence (a join of two versions)", () => {
    assert.equal(
      timeTravelByName(
        "SELECT * FROM silver VERSION AS OF 1 a JOIN silver VERSION AS OF 2 b USING (event_id)",
        paths,
      ),
      "SELECT * FROM delta.`file:///lake/silver/ecom_events/v1` VERSION AS OF 1 a JOIN " +
        "delta.`file:///lake/silver/ecom_events/v1` VERSION AS OF 2 b USING (event_id)",
    );
  });
});
