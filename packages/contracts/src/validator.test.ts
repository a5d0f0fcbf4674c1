import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { reasonCodes } from "./event-types.js";
import { fieldTable } from "./fields.js";
import { validationCases } from "./validation-cases.js";
import { validateRecord } from "./validator.js";

describe("validateRecord on the agreement table", () => {
  for (const tc of validationCases) {
    it(tc.name, () => {
      const result = validateRecord(tc.value, tc.ingestTime);
      const actual = result.ok ? "valid" : { reason: result.reason, field: result.field };
      assert.deepEqual(actual, tc.expected);
    });
  }

  it("covers every reason code", () => {
    const seen = new Set(validationCases.flatMap((c) => (c.expected === "valid" ? [] : [c.expected.reason])));
    assert.deepEqual(
      [...reasonCodes].filter((r) => !seen.has(r)),
      [],
    );
  });

  it("reports every field for some reason", () => {
    const seen = new Set(validationCases.flatMap((c) => (c.expected === "valid" ? [] : [c.expected.field])));
    assert.deepEqual(
      fieldTable.map((f) => f.name).filter((f) => !seen.has(f)),
      [],
    );
  });
});

describe("validateRecord output", () => {
  it("returns only the fields the type requires, and the event time", () => {
    const raw = JSON.stringify({
      event_id: "e",
      event_type: "checkout_started",
      event_ts: "2024-03-10T11:00:00.5+01:00",
      schema_version: 1,
      user_id: "u",
      session_id: "s",
      device: "tablet",
      country: "FR",
      order_id: "o",
      page: "/ignored",
      price: "ignored",
    });
    const result = validateRecord(raw, new Date("2024-03-10T12:00:00Z"));
    assert.ok(result.ok);
    assert.deepEqual(Object.keys(result.event).sort(), [
      "country",
      "device",
      "event_id",
      "event_ts",
      "event_type",
      "order_id",
      "schema_version",
      "session_id",
      "user_id",
    ]);
    assert.equal(result.eventTimeMs, Date.parse("2024-03-10T10:00:00.500Z"));
  });
});
