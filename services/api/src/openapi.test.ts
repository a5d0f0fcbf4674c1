import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { generateOpenapi, openapiPath } from "./openapi-document.js";

describe("openapi.json", () => {
  it("is current with the route schemas (regenerate: node --import tsx services/api/scripts/generate-openapi.ts)", async () => {
    const committed = readFileSync(openapiPath, "utf8");
    const fresh = await generateOpenapi();
    assert.equal(fresh, committed);
  });

  it("is OpenAPI 3.1 with an operationId and a problem+json 4XX on every operation but /metrics", async () => {
    const doc = JSON.parse(await generateOpenapi());
    assert.equal(doc.openapi, "3.1.0");
    const ids = new Set<string>();
    for (const [path, item] of Object.entries<Record<string, { operationId: string; responses: object }>>(
      doc.paths,
    )) {
      for (const operation of Object.values(item)) {
        assert.ok(operation.operationId, `${path} lacks an operationId`);
        assert.ok(!ids.has(operation.operationId), `${operation.operationId} twice`);
        ids.add(operation.operationId);
        if (path !== "/metrics") assert.ok("4XX" in operation.responses, `${path} lacks 4XX`);
      }
    }
  });
});
