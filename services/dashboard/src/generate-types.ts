import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { repoRoot } from "@ecomstream/runtime";
import openapiTS, { astToString, type OpenAPI3 } from "openapi-typescript";

/** The API's committed OpenAPI document: the dashboard's one source of API types. */
export const openapiPath = () => join(repoRoot(), "services", "api", "openapi.json");
/** The generated index of that document's types, committed beside the web app. */
export const apiTypesPath = () =>
  join(repoRoot(), "services", "dashboard", "web", "src", "api", "schema.d.ts");
/** The generated types of each tag's operations (`schema/<tag>.d.ts`), which the index combines. */
export const apiTypesDir = () => join(dirname(apiTypesPath()), "schema");

const header =
  "// Generated from services/api/openapi.json by `npm run types -w @ecomstream/dashboard`. Do not edit.\n";

type PathItems = Record<string, Record<string, unknown>>;

/** Formatted as the repository formats TypeScript, so Biome leaves the committed files alone. */
function format(path: string, source: string): string {
  return execFileSync(
    join(repoRoot(), "node_modules", ".bin", "biome"),
    ["format", `--stdin-file-path=${path}`],
    {
      input: source,
      encoding: "utf8",
    },
  );
}

/** The document's paths grouped by the first tag of their operations (`service` when untagged). */
function pathsByTag(document: OpenAPI3): Map<string, PathItems> {
  const groups = new Map<string, PathItems>();
  for (const [path, item] of Object.entries((document.paths ?? {}) as PathItems)) {
    const operation = Object.values(item).find(
      (value): value is { tags?: string[] } =>
        typeof value === "object" && value !== null && "responses" in value,
    );
    const tag = operation?.tags?.[0] ?? "service";
    groups.set(tag, { ...(groups.get(tag) ?? {}), [path]: item });
  }
  return new Map([...groups].sort(([a], [b]) => a.localeCompare(b)));
}

/**
 * The TypeScript types of the API's OpenAPI document, as the generator writes them: one file per
 * tag (its paths and operations) and an index whose `paths` and `operations` join them all.
 * Keys are paths relative to the web app's `src/api` folder.
 */
export async function renderApiTypes(source = openapiPath()): Promise<Map<string, string>> {
  const document = JSON.parse(readFileSync(source, "utf8")) as OpenAPI3;
  const files = new Map<string, string>();
  const tags = pathsByTag(document);
  for (const [tag, paths] of tags) {
    const ast = await openapiTS(
      { ...document, paths: paths as OpenAPI3["paths"] },
      {
        alphabetize: true,
      },
    );
    const name = `schema/${tag}.d.ts`;
    files.set(name, format(join(apiTypesDir(), `${tag}.d.ts`), `${header}${astToString(ast)}`));
  }
  const names = [...tags.keys()];
  const index =
    `${header}${names.map((tag) => `import type * as ${tag} from "./schema/${tag}.js";\n`).join("")}\n` +
    `/** Every path of the API, joined from the files of its tags. */\n` +
    `export type paths = ${names.map((tag) => `${tag}.paths`).join(" & ")};\n` +
    `/** Every operation of the API by operationId, joined from the files of its tags. */\n` +
    `export type operations = ${names.map((tag) => `${tag}.operations`).join(" & ")};\n`;
  files.set("schema.d.ts", format(apiTypesPath(), index));
  return files;
}

/** What is committed now, keyed as renderApiTypes keys it. */
export function committedApiTypes(): Map<string, string> {
  const files = new Map<string, string>();
  files.set("schema.d.ts", readFileSync(apiTypesPath(), "utf8"));
  for (const name of readdirSync(apiTypesDir()).sort())
    files.set(`schema/${name}`, readFileSync(join(apiTypesDir(), name), "utf8"));
  return files;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // an optional argument names another document (e.g. a preview of routes not yet committed)
  const files = await renderApiTypes(process.argv[2]);
  rmSync(apiTypesDir(), { recursive: true, force: true });
  mkdirSync(apiTypesDir(), { recursive: true });
  for (const [name, text] of files) writeFileSync(join(dirname(apiTypesPath()), name), text);
  process.stdout.write(`wrote ${[...files.keys()].join(", ")} under ${dirname(apiTypesPath())}\n`);
}
