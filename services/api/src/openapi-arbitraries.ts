import fc from "fast-check";
import type { Operation, Parameter } from "./openapi-contract.js";

/** Tests use it: fast-check arbitraries of requests, derived from an operation's documented parameters. */

export interface GeneratedRequest {
  path: string;
  query: Array<[string, string]>;
  headers: Record<string, string>;
}

interface Schema {
  type?: string;
  enum?: unknown[];
  format?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
}

const dayMs = 86_400_000;
const around = Date.parse("2026-03-01T00:00:00Z");

/** Values the schema accepts (dates near the seeded data, so ranges are both valid and too wide). */
export function validValue(schema: Schema): fc.Arbitrary<string> {
  if (Array.isArray(schema.enum)) return fc.constantFrom(...schema.enum.map(String));
  if (schema.type === "integer") {
    const min = Math.max(schema.minimum ?? -1_000_000, -1_000_000);
    const max = Math.min(schema.maximum ?? 1_000_000, 1_000_000);
    return fc.integer({ min, max }).map(String);
  }
  if (schema.type === "string" && schema.format === "date-time") {
    // mostly within a few days of the data (pairs form valid ranges), sometimes weeks away (too wide)
    const span = (days: number) => fc.integer({ min: around - days * dayMs, max: around + days * dayMs });
    return fc
      .oneof({ arbitrary: span(2), weight: 3 }, { arbitrary: span(60), weight: 1 })
      .map((ms) => new Date(Math.floor(ms / 1000) * 1000).toISOString());
  }
  return fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 40, 40) });
}

/** Values a client may send by mistake: wrong types, out of range, malformed dates, odd bytes. */
export const invalidValue: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.constantFrom(
    "",
    "-1",
    "0",
    "1e309",
    "NaN",
    "Infinity",
    "-Infinity",
    "9007199254740993",
    "99999999999999999999",
    "2026-13-45T25:61:00Z",
    "0000-01-01T00:00:00Z",
    "275760-09-13T00:00:00.001Z",
    "null",
    "[]",
    "{}",
    "%",
    "\u0000",
    "😀",
    "a".repeat(5000),
  ),
  fc.integer().map(String),
  fc.double().map(String),
);

function parameterValue(parameter: Parameter): fc.Arbitrary<string | undefined> {
  // valid values weigh most, so that requests with several parameters are sometimes all valid
  const choices: Array<fc.WeightedArbitrary<string | undefined>> = [
    { arbitrary: validValue(parameter.schema as Schema), weight: 4 },
    { arbitrary: invalidValue, weight: 1 },
  ];
  if (!parameter.required) choices.push({ arbitrary: fc.constant(undefined), weight: 3 });
  return fc.oneof(...choices);
}

/**
 * Requests for one operation: each documented parameter valid, invalid or left out; sometimes a
 * parameter the document does not know; the API key right, wrong or missing where one is needed.
 */
export function requestArbitrary(op: Operation, apiKey: string): fc.Arbitrary<GeneratedRequest> {
  const params = op.parameters.filter((p) => p.in === "query" || p.in === "path");
  const values = fc.tuple(...params.map(parameterValue));
  // one request in five (fc.option's `freq` is the odds of nil, so it would add one to four in five)
  const extra = fc.oneof(
    { arbitrary: fc.constant(null), weight: 4 },
    { arbitrary: fc.tuple(fc.constantFrom("foo", "limit[]", "__proto__", "from "), invalidValue), weight: 1 },
  );
  const key = op.security
    ? fc.constantFrom<string | undefined>(apiKey, apiKey, "wrong-key", undefined)
    : fc.constant(undefined);
  return fc.tuple(values, extra, key).map(([vals, unknown, given]) => {
    let path = op.path;
    const query: Array<[string, string]> = [];
    params.forEach((p, i) => {
      const value = vals[i];
      if (p.in === "path") path = path.replace(`{${p.name}}`, encodeURIComponent(value ?? "1"));
      else if (value !== undefined) query.push([p.name, value]);
    });
    if (unknown) query.push(unknown);
    const headers: Record<string, string> = given === undefined ? {} : { "x-api-key": given };
    return { path, query, headers };
  });
}

export const requestUrl = (base: string, request: GeneratedRequest): string => {
  const search = new URLSearchParams(request.query).toString();
  return `${base}${request.path}${search ? `?${search}` : ""}`;
};
