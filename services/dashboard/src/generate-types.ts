import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "@ecomstream/runtime";
import openapiTS, { astToString } from "openapi-typescript";

/** The API's committed OpenAPI document: the dashboard's one source of API types. */
export const openapiPath = () => join(repoRoot(), "services", "api", "openapi.json");
/** The generated TypeScript of that document, committed beside the web app. */
export const apiTypesPath = () =>
  join(repoRoot(), "services", "dashboard", "web", "src", "api", "schema.d.ts");

const header =
  "// Generated from services/api/openapi.json by `npm run types -w @ecomstream/dashboard`. Do not edit.\n";

/** The TypeScript types of the API's OpenAPI document, as the generator writes them. */
export async function renderApiTypes(source = openapiPath()): Promise<string> {
  const document = JSON.parse(readFileSync(source, "utf8")) as Parameters<typeof openapiTS>[0];
  const ast = await openapiTS(document, { alphabetize: true });
  // formatted as the repository formats TypeScript, so Biome leaves the committed file alone
  return execFileSync(
    join(repoRoot(), "node_modules", ".bin", "biome"),
    ["format", `--stdin-file-path=${apiTypesPath()}`],
    {
      input: `${header}${astToString(ast)}`,
      encoding: "utf8",
    },
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // an optional argument names another document (e.g. a preview of routes not yet committed)
  writeFileSync(apiTypesPath(), await renderApiTypes(process.argv[2]));
  process.stdout.write(`wrote ${apiTypesPath()}\n`);
}
