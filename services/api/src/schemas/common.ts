import { type TSchema, type TUnsafe, Type } from "@sinclair/typebox";
import { apiErrorCodes } from "../errors.js";
import { problemContentType } from "../problem.js";

/** A string enum as plain `{ type: "string", enum }` (clean OpenAPI, exact ajv messages). */
export const StringEnum = <const T extends readonly string[]>(values: T, description?: string) =>
  Type.Unsafe<T[number]>({ type: "string", enum: [...values], ...(description ? { description } : {}) });

/**
 * A value or null. Scalars become `type: [T, "null"]` (fast to serialize: fast-json-stringify
 * validates every `anyOf` branch at run time); objects keep `anyOf`.
 */
export const Nullable = <T extends TSchema>(schema: T): TUnsafe<T["static"] | null> =>
  typeof schema.type === "string" && schema.type !== "object" && schema.type !== "array"
    ? Type.Unsafe({ ...schema, type: [schema.type, "null"] })
    : Type.Unsafe({ anyOf: [schema, { type: "null" }] });

export const DateTime = (description: string) => Type.String({ format: "date-time", description });

export const steps = ["1m", "5m", "15m", "1h"] as const;
export type Step = (typeof steps)[number];

export const ProblemSchema = Type.Object(
  {
    type: Type.String({ description: "URI naming the problem type" }),
    title: Type.String(),
    status: Type.Integer({ minimum: 400, maximum: 599 }),
    detail: Type.String({ description: "what was wrong, for a person" }),
    instance: Type.String({ description: "the request path" }),
    code: StringEnum(Object.values(apiErrorCodes)),
    requestId: Type.String(),
  },
  { title: "Problem", description: "RFC 9457 problem details", additionalProperties: false },
);

const problemResponse = (description: string) => ({
  description,
  content: { [problemContentType]: { schema: ProblemSchema } },
});

/** Responses every operation may give: 4XX and 5XX as problem+json. */
export const problemResponses = {
  "4xx": problemResponse("Bad request, unknown resource, or rate limited (problem+json)"),
  "5xx": problemResponse("Server or dependency failure (problem+json)"),
};

export const jsonResponse = <T extends TSchema>(description: string, schema: T) => ({
  description,
  content: { "application/json": { schema } },
});

/** The `from`/`to`/`step` querystring of the time-series operations. */
export const RangeQuery = Type.Object(
  {
    from: Type.Optional(DateTime("start (inclusive), floored to the step; default: `to` minus one hour")),
    to: Type.Optional(DateTime("end (exclusive), ceiled to the step; default: now")),
    step: Type.Optional(StringEnum(steps, "bucket width (default 1m)")),
  },
  { additionalProperties: false },
);
