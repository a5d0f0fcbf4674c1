import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { goToolPath, parseGoVersion } from "./go.js";

describe("go tool installs", () => {
  it("reads the version go version prints", () => {
    assert.deepEqual(parseGoVersion("go version go1.26.8 linux/amd64"), [1, 26]);
    assert.deepEqual(parseGoVersion("go version go1.24rc1 linux/arm64"), [1, 24]);
    assert.equal(parseGoVersion("bash: go: command not found"), undefined);
  });

  it("keeps one folder per module version under the cache", () => {
    const tool = {
      module: "github.com/minio/mc",
      version: "v0.0.0-1",
      minimumGo: [1, 23] as [number, number],
      label: "mc",
    };
    assert.equal(goToolPath("/cache", tool), "/cache/mc/v0.0.0-1/mc");
  });
});
