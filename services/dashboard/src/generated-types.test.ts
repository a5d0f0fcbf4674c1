import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { join } from "node:path";
import { describe, it } from "node:test";
import { promisify } from "node:util";
import { repoRoot } from "@ecomstream/runtime";
import { committedApiTypes, renderApiTypes } from "./generate-types.js";

const execFileAsync = promisify(execFile);

describe("dashboard sources", () => {
  it("the API types are generated from the committed openapi.json, one file per tag", async () => {
    const expected = await renderApiTypes();
    const committed = committedApiTypes();
    assert.deepEqual(
      [...committed.keys()].sort(),
      [...expected.keys()].sort(),
      "web/src/api/schema files differ: run npm run types -w @ecomstream/dashboard",
    );
    for (const [name, text] of expected)
      assert.equal(
        committed.get(name),
        text,
        `web/src/api/${name} is stale: run npm run types -w @ecomstream/dashboard`,
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
