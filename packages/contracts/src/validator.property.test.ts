import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { type EventType, eventTypes, type ReasonCode } from "./event-types.js";
import { type FieldSpec, requiredFields } from "./fields.js";
import { validateRecord } from "./validator.js";

const ingest = new Date("2024-06-01T12:00:00.000Z");
const upper = fc.constantFrom(..."ABCDEFGHIJKLMNOPQRSTUVWXYZ");

/** A valid value for one field, drawn from its rule. */
function validValue(spec: FieldSpec, type: EventType): fc.Arbitrary<unknown> {
  const r = spec.rule;
  switch (r.kind) {
    case "enum":
      return spec.name === "event_type" ? fc.constant(type) : fc.constantFrom(...r.values);
    case "country":
      return fc.tuple(upper, upper).map(([a, b]) => a + b);
    case "timestamp":
      return fc
        .integer({ min: -86_400_000 * 30, max: 300_000 })
        .map((delta) => new Date(ingest.getTime() + delta).toISOString());
    case "version":
      return fc.constant(r.equals);
    case "range":
      return spec.type === "integer"
        ? fc.integer({ min: r.min, max: r.max ?? 1_000_000 })
        : fc.double({ min: r.minExclusive ? r.min + 0.01 : r.min, max: r.max ?? 1e7, noNaN: true });
    default:
      return fc.string({ minLength: 1, maxLength: 12 });
  }
}

function validEvent(type: EventType): fc.Arbitrary<Record<string, unknown>> {
  const shape: Record<string, fc.Arbitrary<unknown>> = {};
  for (const spec of requiredFields(type)) shape[spec.name] = validValue(spec, type);
  return fc.record(shape) as fc.Arbitrary<Record<string, unknown>>;
}

type Mutation = { value: unknown; reason: ReasonCode } | null;

/** Breaks one field in one way, and says which reason that must give. */
function mutations(spec: FieldSpec): fc.Arbitrary<Mutation>[] {
  const r = spec.rule;
  const out: fc.Arbitrary<Mutation>[] = [
    fc.constantFrom<Mutation>(
      { value: undefined, reason: "missing_field" },
      { value: null, reason: "missing_field" },
    ),
    (spec.type === "string"
      ? fc.oneof(
          fc.double({ noNaN: true, noDefaultInfinity: true }),
          fc.boolean(),
          fc.constant({}),
          fc.constant([]),
        )
      : fc.string()
    ).map((value) => ({ value, reason: "invalid_type" as const })),
  ];
  if (spec.type === "integer")
    out.push(fc.integer({ min: -1000, max: 1000 }).map((n) => ({ value: n + 0.5, reason: "invalid_type" })));
  if (r.kind === "enum")
    out.push(
      fc
        .string()
        .filter((s) => !r.values.includes(s))
        .map((value) => ({ value, reason: "invalid_enum" })),
    );
  if (r.kind === "country")
    out.push(
      fc
        .string()
        .filter((s) => !/^[A-Z]{2}$/.test(s))
        .map((value) => ({ value, reason: "invalid_enum" })),
    );
  if (r.kind === "nonEmpty") out.push(fc.constant({ value: "", reason: "invalid_value" }));
  if (r.kind === "range") {
    const below =
      spec.type === "integer"
        ? fc.integer({ min: -1e6, max: r.min - 1 })
        : fc.double({ min: -1e6, max: r.minExclusive ? r.min : r.min - 1e-6, noNaN: true });
    out.push(below.map((value) => ({ value, reason: "invalid_value" })));
    if (r.max !== undefined)
      out.push(fc.integer({ min: r.max + 1, max: 1e6 }).map((value) => ({ value, reason: "invalid_value" })));
  }
  if (r.kind === "timestamp") {
    out.push(
      fc
        .string()
        .filter((s) => !/^\d{4}-\d\d-\d\dT/.test(s))
        .map((value) => ({ value, reason: "invalid_timestamp" })),
    );
    out.push(
      fc.integer({ min: 300_001, max: 86_400_000 * 400 }).map((delta) => ({
        value: new Date(ingest.getTime() + delta).toISOString(),
        reason: "future_timestamp",
      })),
    );
  }
  if (r.kind === "version")
    out.push(
      fc
        .integer()
        .filter((n) => n !== r.equals)
        .map((value) => ({ value, reason: "unsupported_schema_version" })),
    );
  return out;
}

describe("validateRecord properties", () => {
  for (const type of eventTypes) {
    it(`accepts generated valid ${type} events, with extra fields`, () => {
      fc.assert(
        fc.property(
          validEvent(type),
          fc.dictionary(
            fc.string().map((k) => `x_${k}`),
            fc.jsonValue(),
          ),
          (event, extra) => {
            const result = validateRecord(JSON.stringify({ ...extra, ...event }), ingest);
            assert.ok(result.ok, JSON.stringify(result));
          },
        ),
        { numRuns: 150 },
      );
    });

    it(`a valid ${type} event broken in one field fails with that field's reason`, () => {
      const cases = requiredFields(type).flatMap((spec) =>
        mutations(spec).map((m) => m.map((mutation) => ({ spec, mutation }))),
      );
      fc.assert(
        fc.property(validEvent(type), fc.oneof(...cases), (event, { spec, mutation }) => {
          if (mutation === null) return;
          const broken = { ...event, [spec.name]: mutation.value };
          if (mutation.value === undefined) delete broken[spec.name];
          const result = validateRecord(JSON.stringify(broken), ingest);
          assert.deepEqual(result.ok ? "valid" : [result.reason, result.field], [mutation.reason, spec.name]);
        }),
        { numRuns: 400 },
      );
    });
  }

  it("never throws on arbitrary input", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json(), fc.uint8Array()), (raw) => {
        validateRecord(raw, ingest);
      }),
      { numRuns: 500 },
    );
  });
});
