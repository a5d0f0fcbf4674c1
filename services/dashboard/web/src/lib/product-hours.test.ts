import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { TopProducts } from "../api/types.js";
import { hourlyValues } from "./product-hours.js";

const hour = (items: Array<[string, number]>): TopProducts => ({
  from: "2026-01-01T00:00:00.000Z",
  to: "2026-01-01T01:00:00.000Z",
  by: "views",
  items: items.map(([product_id, views]) => ({
    product_id,
    views,
    add_to_carts: 1,
    remove_from_carts: 0,
    unique_sessions: 1,
  })),
});

describe("hourlyValues", () => {
  it("a product missing from a complete hour is zero, from a full hour a gap, an unloaded hour a gap", () => {
    const lines = hourlyValues(
      [
        hour([["a", 5]]),
        hour([["b", 3]]),
        undefined,
        hour([
          ["b", 9],
          ["c", 2],
        ]),
      ],
      "views",
      2,
    );
    assert.deepEqual(lines.get("a"), [5, 0, null, null]);
    assert.deepEqual(lines.get("b"), [0, 3, null, 9]);
    assert.deepEqual(hourlyValues([hour([["a", 5]])], "add_to_carts", 2).get("a"), [1]);
  });
});
