import { readFileSync } from "node:fs";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { openapiPath } from "./openapi-document.js";

/** Tests use it: the committed OpenAPI document and a check of responses against it. */

export interface Parameter {
  name: string;
  in: "query" | "path" | "header";
  required?: boolean;
  schema: Record<string, unknown>;
}

export interface Operation {
  method: string;
  path: string;
  operationId: string;
  parameters: Parameter[];
  security?: unknown[];
  responses: Record<string, { content?: Record<string, { schema: object }> }>;
}

export interface OpenapiDocument {
  openapi: string;
  paths: Record<string, Record<string, Omit<Operation, "method" | "path">>>;
}

export const loadDocument = (): OpenapiDocument =>
  JSON.parse(readFileSync(openapiPath, "utf8")) as OpenapiDocument;

export function operations(doc: OpenapiDocument): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({
      ...op,
      method: method.toUpperCase(),
      path,
      parameters: op.parameters ?? [],
    })),
  );
}

/** The document's response entry for a status: exact code first, then its class (`4XX`). */
function responseFor(op: Operation, status: number) {
  return op.responses[String(status)] ?? op.responses[`${String(status)[0]}XX`];
}

/**
 * Checks one response against the document: the status is documented, the media type is one the
 * document lists, and the body (parsed JSON, or the text) is valid against that media type's schema.
 * Returns the problems found (empty = conforms).
 */
export function responseChecker(doc: OpenapiDocument) {
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
  addFormats.default(ajv);
  const compiled = new Map<object, ValidateFunction>();
  const compile = (schema: object) => {
    let validate = compiled.get(schema);
    if (!validate) {
      validate = ajv.compile(schema);
      compiled.set(schema, validate);
    }
    return validate;
  };
  const byId = new Map(operations(doc).map((op) => [op.operationId, op]));

  return {
    operation(operationId: string): Operation {
      const op = byId.get(operationId);
      if (!op) throw new Error(`the document has no operation ${operationId}`);
      return op;
    },
    /** Validates a value against the schema of `operationId`'s `status` response and media type. */
    validateBody(operationId: string, status: number, mediaType: string, body: unknown): string[] {
      const op = this.operation(operationId);
      const response = responseFor(op, status);
      if (!response) return [`${operationId}: status ${status} is not documented`];
      const media = response.content?.[mediaType];
      if (!media) {
        const listed = Object.keys(response.content ?? {}).join(", ") || "no content";
        return [`${operationId} ${status}: media type ${mediaType} is not documented (${listed})`];
      }
      const validate = compile(media.schema);
      if (validate(body)) return [];
      return (validate.errors ?? []).map(
        (e) => `${operationId} ${status}: ${e.instancePath || "/"} ${e.message ?? "is invalid"}`,
      );
    },
    /**
     * Checks one Server-Sent Event as a client parses it (`data` is text) against the stream's
     * schema, then the JSON in `data` against the `contentSchema` of the branch its `event` names.
     */
    validateStreamEvent(operationId: string, message: { event?: string; data: string }): string[] {
      const value = { event: message.event, data: message.data };
      const problems = this.validateBody(operationId, 200, "text/event-stream", value);
      if (problems.length > 0) return problems;
      const schema = responseFor(this.operation(operationId), 200)?.content?.["text/event-stream"]
        ?.schema as {
        anyOf?: Array<{ properties: { event: { enum: string[] }; data: { contentSchema?: object } } }>;
      };
      const branch = schema.anyOf?.find((b) => b.properties.event.enum.includes(message.event ?? ""));
      if (!branch?.properties.data.contentSchema)
        return [`${operationId}: event ${message.event} has no contentSchema`];
      let parsed: unknown;
      try {
        parsed = JSON.parse(message.data);
      } catch {
        return [`${operationId}: data of ${message.event} is not JSON: ${message.data.slice(0, 200)}`];
      }
      const validate = compile(branch.properties.data.contentSchema);
      if (validate(parsed)) return [];
      return (validate.errors ?? []).map(
        (e) => `${operationId} ${message.event} data: ${e.instancePath || "/"} ${e.message ?? "is invalid"}`,
      );
    },
    /** Reads a fetch Response and checks status, media type and body. */
    async check(operationId: string, response: Response): Promise<{ problems: string[]; body: unknown }> {
      const mediaType = (response.headers.get("content-type") ?? "").split(";")[0]?.trim() ?? "";
      const text = await response.text();
      let body: unknown = text;
      if (mediaType.endsWith("json")) {
        try {
          body = JSON.parse(text);
        } catch {
          return { problems: [`${operationId}: the body is not JSON: ${text.slice(0, 200)}`], body: text };
        }
      }
      return { problems: this.validateBody(operationId, response.status, mediaType, body), body };
    },
  };
}

export type ResponseChecker = ReturnType<typeof responseChecker>;
