import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { promisify } from "node:util";
import { repoRoot } from "@ecomstream/runtime";
import { apiTypesPath, renderApiTypes } from "./generate-types.js";

const execFileAsync = promisify(execFile);

describe("dashboard sources", () => {
  it("the API types are generated from the committed openapi.json", async () => {
    assert.equal(
      readFileSync(apiTypesPath(), "utf8"),
      await renderApiTypes(),
      "web/src/api/schema.d.ts is stale: run npm run types -w @ecomstream/dashboard",
    );
  });

  it("the browser app type-checks (strict, DOM), its tests too", async () => {
    const tsc = join(repoRoot(), "node_modules", "typescript", "bin", "tsc");
    for (const project of ["tsconfig.json", "tsconfig.test.json"]) {
      const path = join(repoRoot(), "services", "dashboard", "web", project);
      const run = await execFileAsync(process.execPath, [tsc, "-p", path, "--noEmit"]).catch(
        (error: { stdout: string }) => ({ stdout: error.stdout, failed: true }),
      );
      assert.ok(!("failed" in run), `tsc -p ${path}:\n${run.stdout}`);
    }
  });
});
