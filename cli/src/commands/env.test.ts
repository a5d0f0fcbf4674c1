import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { loadConfig, repoRoot } from "@ecomstream/runtime";
import { envLines, readmeMarkers, readmeSettingsBlock, settingsReadmeTable, settingsTables } from "./env.js";

describe("./ecom env", () => {
  it("keeps README.md's configuration table as the settings tables generate it", () => {
    const readme = readFileSync(join(repoRoot(), "README.md"), "utf8");
    const block = readmeSettingsBlock(readme);
    assert.ok(block !== undefined, `README.md lacks "${readmeMarkers.begin}" … "${readmeMarkers.end}"`);
    assert.ok(
      block === settingsReadmeTable(),
      "README.md's configuration table differs from the settings tables: run ./ecom env readme and commit README.md",
    );
  });

  it("lists every variable of every table in the README once", () => {
    const names = settingsTables.flat().flatMap((entry) => (entry.kind === "variable" ? [entry.name] : []));
    assert.equal(new Set(names).size, names.length, "a variable in two tables");
    const rows = settingsReadmeTable().split("\n").slice(2);
    assert.deepEqual(
      rows.map((row) => /^\| `(\w+)`/.exec(row)?.[1]),
      names,
    );
    assert.ok(names.includes("ECOM_DETECTOR_WEBHOOK_URL"), "the detector's own variables are registered");
  });

  it("prints export lines of the platform's and the services' variables, quoted for the shell", () => {
    const lines = envLines(loadConfig({ ECOM_API_KEY: "it's" }), { ECOM_DETECTOR_POLL_MS: "700" });
    assert.ok(lines.includes(`export ECOM_API_KEY='it'\\''s'`), lines.join("\n"));
    assert.ok(lines.includes("export ECOM_DETECTOR_POLL_MS='700'"));
    assert.ok(
      !lines.some((line) => line.startsWith("export ECOM_DETECTOR_WEBHOOK_URL=")),
      "unset: not printed",
    );
  });
});
