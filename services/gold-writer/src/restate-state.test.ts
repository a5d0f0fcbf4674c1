import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { hourKey } from "@ecomstream/lake-model";
import {
  duePendingHours,
  emptyState,
  hoursToRestate,
  loadState,
  nextPending,
  saveState,
} from "./restate-state.js";

const h = (date: string, hour: number) => ({ date, hour });

describe("which hours are restated", () => {
  const pending = { "2024-03-10/11": 1_000, "2024-03-10/12": 5_000 };

  it("takes dirty hours plus pending hours whose next minute has closed", () => {
    assert.deepEqual(duePendingHours(pending, 999).map(hourKey), []);
    assert.deepEqual(duePendingHours(pending, 1_000).map(hourKey), ["2024-03-10/11"]);
    assert.deepEqual(hoursToRestate([h("2024-03-09", 3), h("2024-03-10", 11)], pending, 1_000).map(hourKey), [
      "2024-03-09/03",
      "2024-03-10/11",
    ]);
    assert.deepEqual(hoursToRestate([], pending, 10_000).map(hourKey), ["2024-03-10/11", "2024-03-10/12"]);
    assert.deepEqual(hoursToRestate([], {}, 10_000), []);
  });

  it("replaces the pending entry of restated hours and keeps the others", () => {
    assert.deepEqual(nextPending(pending, [h("2024-03-10", 11)], {}), { "2024-03-10/12": 5_000 });
    assert.deepEqual(nextPending(pending, [h("2024-03-10", 11)], { "2024-03-10/11": 2_000 }), {
      "2024-03-10/11": 2_000,
      "2024-03-10/12": 5_000,
    });
    assert.deepEqual(nextPending(pending, "all", { "2024-03-10/13": 9 }), { "2024-03-10/13": 9 });
    // A session restated from hour 11 ends in hour 12, not restated: hour 12's earlier close stays.
    assert.deepEqual(nextPending(pending, [h("2024-03-10", 11)], { "2024-03-10/12": 7_000 }), {
      "2024-03-10/12": 5_000,
    });
    assert.deepEqual(nextPending(pending, [h("2024-03-10", 11)], { "2024-03-10/12": 3_000 }), {
      "2024-03-10/12": 3_000,
    });
  });
});

describe("state file", () => {
  it("round-trips, and a missing or foreign file means a fresh start", () => {
    const dir = mkdtempSync(join(tmpdir(), "gold-state-"));
    try {
      const file = join(dir, "state", "gold-writer.json");
      assert.equal(loadState(file), undefined);
      const state = {
        ...emptyState(),
        silverVersion: 42,
        pending: { "2024-03-10/11": 7 },
      };
      saveState(file, state);
      assert.deepEqual(loadState(file), state);
      writeFileSync(file, "{not json");
      assert.equal(loadState(file), undefined);
      // the former file-time cursor: a fresh start
      writeFileSync(file, JSON.stringify({ version: 1, cursor: null, pending: {} }));
      assert.equal(loadState(file), undefined);
      writeFileSync(file, JSON.stringify({ version: 2, silverVersion: 1.5, pending: {} }));
      assert.equal(loadState(file), undefined);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
