import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { reasonCodes } from "@ecomstream/contracts";
import { defaultOptions, GeneratorOptionsError } from "./options.js";
import { parseGeneratorArgs } from "./parse-args.js";

describe("parseGeneratorArgs", () => {
  it("has realistic defaults: 2% invalid over every reason, 1% duplicates, 1% late", () => {
    const o = parseGeneratorArgs([]);
    const invalid = Object.values(o.invalid);
    assert.equal(invalid.length, reasonCodes.length);
    assert.ok(invalid.every((r) => r > 0));
    assert.ok(Math.abs(invalid.reduce((a, b) => a + b, 0) - 0.02) < 1e-12);
    assert.equal(o.duplicateRatio, 0.01);
    assert.equal(o.lateRatio, 0.01);
  });

  it("parses every option, both --flag value and --flag=value", () => {
    const o = parseGeneratorArgs([
      "--count",
      "500",
      "--rate=max",
      "--duration",
      "12.5",
      "--seed",
      "9",
      "--start",
      "2024-01-02T03:04:05Z",
      "--speed",
      "60",
      "--invalid-ratio",
      "0.08",
      "--invalid",
      "missing_field=0.03",
      "--duplicate-ratio",
      "0.02",
      "--late-ratio=0.05",
      "--late-min",
      "60",
      "--late-max",
      "600",
      "--incident",
      "checkout_outage@300+120",
      "--incident",
      "traffic_spike@0+60",
      "--manifest",
      "/tmp/m.json",
      "--topic",
      "t.x",
      "--bootstrap",
      "h:1,k:2",
      "--compression",
      "gzip",
      "--no-progress",
    ]);
    assert.equal(o.count, 500);
    assert.equal(o.rate, "max");
    assert.equal(o.durationSec, 12.5);
    assert.equal(o.seed, 9);
    assert.equal(o.startMs, Date.parse("2024-01-02T03:04:05Z"));
    assert.equal(o.speed, 60);
    assert.equal(o.invalid.missing_field, 0.03);
    assert.equal(o.invalid.invalid_json, 0.01);
    assert.equal(o.duplicateRatio, 0.02);
    assert.equal(o.lateRatio, 0.05);
    assert.deepEqual([o.lateMinSec, o.lateMaxSec], [60, 600]);
    assert.deepEqual(o.incidents, [
      { type: "checkout_outage", startOffsetSec: 300, durationSec: 120 },
      { type: "traffic_spike", startOffsetSec: 0, durationSec: 60 },
    ]);
    assert.equal(o.manifestPath, "/tmp/m.json");
    assert.deepEqual([o.topic, o.bootstrap, o.compression, o.progress], ["t.x", "h:1,k:2", "gzip", "off"]);
  });

  it("reports every bad option at once, clearly", () => {
    let error: unknown;
    try {
      parseGeneratorArgs([
        "--count",
        "-3",
        "--rate",
        "fast",
        "--start",
        "yesterday",
        "--invalid",
        "bogus=0.1",
        "--incident",
        "meteor@1+2",
        "--late-min",
        "900",
        "--late-max",
        "60",
        "--frobnicate",
        "--seed",
      ]);
    } catch (e) {
      error = e;
    }
    assert.ok(error instanceof GeneratorOptionsError);
    const text = error.problems.join("\n");
    for (const part of [
      "--count -3",
      "--rate fast",
      "--start yesterday",
      "--invalid bogus",
      "--incident meteor",
      "--late-min 900",
      "--frobnicate",
      "--seed needs a value",
    ])
      assert.ok(text.includes(part), `${part} in ${text}`);
    assert.equal(error.code, "ECOM_ERR_USAGE");
  });

  it("--seed random draws a seed for the run: two runs differ, each a valid seed", () => {
    const seeds = Array.from({ length: 4 }, () => parseGeneratorArgs(["--seed", "random"]).seed);
    assert.ok(new Set(seeds).size > 1, `seeds drawn: ${seeds.join(", ")}`);
    for (const seed of seeds) assert.ok(Number.isInteger(seed) && seed >= 0 && seed <= 0xffffffff);
    assert.equal(parseGeneratorArgs([]).seed, defaultOptions().seed, "without --seed the default stays");
  });

  it("rejects fault ratios that leave too few valid records", () => {
    assert.throws(
      () => parseGeneratorArgs(["--invalid-ratio", "0.9", "--duplicate-ratio", "0.1"]),
      GeneratorOptionsError,
    );
  });

  it("does not change the base options", () => {
    const base = defaultOptions();
    parseGeneratorArgs(["--invalid", "invalid_json=0.5", "--incident", "price_glitch@1+1"], base);
    assert.equal(base.incidents.length, 0);
    assert.equal(base.invalid.invalid_json, 0.0025);
  });
});
