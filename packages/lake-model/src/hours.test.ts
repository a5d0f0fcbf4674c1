import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { hourKey, hourOf, hourStartMs, hoursPredicate, parseHourKey, uniqueHours } from "./hours.js";

describe("hour keys", () => {
  it("round-trip and sort", () => {
    const h = { date: "2024-03-10", hour: 5 };
    assert.equal(hourKey(h), "2024-03-10/05");
    assert.deepEqual(parseHourKey("2024-03-10/05"), h);
    assert.equal(parseHourKey("2024-03-10/25"), undefined);
    assert.equal(parseHourKey("nope"), undefined);
    assert.equal(hourStartMs(h), Date.UTC(2024, 2, 10, 5));
    assert.deepEqual(hourOf(Date.UTC(2024, 2, 10, 5, 59, 59, 999)), h);
    assert.deepEqual(
      uniqueHours([{ date: "2024-03-10", hour: 11 }, h, { date: "2024-03-10", hour: 5 }]).map(hourKey),
      ["2024-03-10/05", "2024-03-10/11"],
    );
  });
});

describe("hoursPredicate", () => {
  it("groups hours by date and is FALSE for none", () => {
    assert.equal(hoursPredicate([]), "FALSE");
    assert.equal(
      hoursPredicate([
        { date: "2024-03-10", hour: 11 },
        { date: "2024-03-09", hour: 23 },
        { date: "2024-03-10", hour: 2 },
      ]),
      "(event_date = DATE'2024-03-09' AND hour IN (23)) OR (event_date = DATE'2024-03-10' AND hour IN (2, 11))",
    );
  });

  it("refuses values that are not a date and an hour", () => {
    assert.throws(() => hoursPredicate([{ date: "2024-03-10' OR TRUE --", hour: 1 }]), RangeError);
  });
});
