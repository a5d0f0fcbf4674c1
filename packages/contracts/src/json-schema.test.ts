import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { eventTypes } from "./event-types.js";
import { fieldTable, requiredFields } from "./fields.js";
import { jsonSchemaFileName, renderJsonSchema } from "./json-schema.js";
import { sampleEvents, sampleIngestTime, sampleWith } from "./samples.js";
import { ecomEventSchema } from "./schema.js";
import { validationCases } from "./validation-cases.js";
import { validateRecord } from "./validator.js";

const committedPath = new URL(`../${jsonSchemaFileName}`, import.meta.url);

describe("JSON Schema", () => {
  it("the committed file is current (run packages/contracts/scripts/generate-json-schema.ts)", () => {
    assert.equal(readFileSync(committedPath, "utf8"), renderJsonSchema());
  });

  it("has one branch per event type requiring exactly that type's fields", () => {
    const schema = JSON.parse(renderJsonSchema()) as { oneOf: Array<{ title: string; required: string[] }> };
    assert.deepEqual(
      schema.oneOf.map((b) => b.title),
      [...eventTypes],
    );
    for (const branch of schema.oneOf) {
      const type = branch.title as (typeof eventTypes)[number];
      assert.deepEqual(
        branch.required,
        requiredFields(type).map((f) => f.name),
      );
    }
  });
});

describe("zod schema", () => {
  it("accepts every sample event", () => {
    for (const type of eventTypes) assert.ok(ecomEventSchema.safeParse(sampleEvents[type]).success, type);
  });

  it("agrees with the validator on the table (bar future_timestamp, which needs ingest time)", () => {
    for (const tc of validationCases) {
      if (typeof tc.value !== "string") continue;
      let parsed: unknown;
      try {
        parsed = JSON.parse(tc.value);
      } catch {
        continue;
      }
      const r = validateRecord(tc.value, tc.ingestTime);
      if (!r.ok && (r.reason === "invalid_json" || r.reason === "future_timestamp")) continue;
      assert.equal(ecomEventSchema.safeParse(parsed).success, r.ok, tc.name);
    }
  });

  it("knows every field of the table", () => {
    const seen = new Set(eventTypes.flatMap((t) => requiredFields(t).map((f) => f.name)));
    assert.deepEqual(
      fieldTable.map((f) => f.name).filter((n) => !seen.has(n)),
      [],
    );
    assert.ok(!ecomEventSchema.safeParse(sampleWith("purchase", { order_total: 0 })).success);
    assert.ok(sampleIngestTime instanceof Date);
  });
});
