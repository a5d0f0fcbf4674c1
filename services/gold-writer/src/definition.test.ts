import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createLogger } from "@ecomstream/runtime";
import { tempHome } from "@ecomstream/testkit";
import { goldStage } from "./definition.js";
import { provisionalQueryName } from "./provisional-query.js";

describe("goldStage", () => {
  it("runs the provisional query and the restatement loop at the gold trigger", () => {
    const home = tempHome("gold-writer-", { ECOM_GOLD_TRIGGER: "7 seconds" });
    try {
      const ctx = { config: home.config, lake: home.lake, logger: createLogger("gold-writer-test") };
      assert.equal(goldStage.name, "gold-writer");
      assert.equal(goldStage.port(home.config), home.config.pipeline.ports.gold);
      assert.deepEqual(
        goldStage.queries(ctx).map((q) => q.name),
        [provisionalQueryName],
      );
      const loop = goldStage.loop?.(ctx);
      assert.equal(loop?.everyMs, 7000);
      assert.deepEqual(loop?.health?.(), {
        gold: {
          lastRunAt: null,
          lastRestatementAt: null,
          hoursRestated: [],
          sessionHoursRestated: [],
          totalHoursRestated: 0,
          pendingHours: {},
          silverVersionSeen: null,
        },
      });
    } finally {
      home.remove();
    }
  });
});
