import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { funnelStepEvents, funnelSteps, sessionColumns, sparkSessionsSql } from "./sessions.js";

describe("sparkSessionsSql", () => {
  const sql = sparkSessionsSql("silver", { gap: "30 minutes", nowMs: Date.UTC(2024, 2, 10, 12) });

  it("selects the sessions columns in order, then is_final and the partitions", () => {
    const outer = sql.slice(0, sql.indexOf(" FROM ("));
    const names = [...sessionColumns.map((c) => c.name), "is_final", "event_date", "hour"];
    const at = names.map((n) => outer.search(new RegExp(`(^SELECT |, |AS )${n}(,| FROM|$)`)));
    assert.ok(
      at.every((i) => i >= 0),
      `${names.join(", ")} in ${outer}`,
    );
    assert.deepEqual(
      [...at].sort((a, b) => a - b),
      at,
    );
  });

  it("groups by session_id and Spark's session window with the gap, final against the given clock", () => {
    assert.match(sql, /GROUP BY session_id, session_window\(event_ts, '30 minutes'\)/);
    assert.match(
      sql,
      /session_end \+ INTERVAL '30 minutes' <= timestamp_millis\(1710072000000\) AS is_final/,
    );
    for (const step of funnelSteps)
      assert.match(sql, new RegExp(`= '${funnelStepEvents[step]}'\\) AS ${step}`));
  });

  it("refuses a gap that is not a Spark interval and a clock that is not epoch ms", () => {
    assert.throws(() => sparkSessionsSql("silver", { gap: "30 minutes') --", nowMs: 0 }), RangeError);
    assert.throws(() => sparkSessionsSql("silver", { gap: "30 minutes", nowMs: 1.5 }), RangeError);
  });
});
