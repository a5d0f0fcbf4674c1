import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { pathToFileURL } from "node:url";
import { lakeStore } from "@ecomstream/lake";
import { loadConfig } from "@ecomstream/runtime";
import { kafkaCheckpoints, parseOffsetLog } from "./checkpoint-offsets.js";

const kafkaLog = (offsets: Record<string, Record<string, number>>) =>
  `v1\n{"batchWatermarkMs":0,"batchTimestampMs":1764072000000,"conf":{}}\n${JSON.stringify(offsets)}`;

describe("Spark checkpoint offsets", () => {
  it("reads the Kafka line of an offset log and skips other sources", () => {
    const offsets = parseOffsetLog(
      `${kafkaLog({ "ecom.events.raw.v1": { "1": 7, "0": 5 } })}\n{"logOffset":3}\n`,
    );
    assert.deepEqual([...offsets.keys()], ["ecom.events.raw.v1"]);
    assert.deepEqual(
      [...(offsets.get("ecom.events.raw.v1") ?? [])],
      [
        [0, 5],
        [1, 7],
      ],
    );
  });

  it("refuses a file that is not an offset log", () => {
    assert.throws(() => parseOffsetLog("hello\n"), /not a Spark offset log/);
  });

  it("takes each query's newest committed batch, not a planned one", async () => {
    const root = mkdtempSync(join(tmpdir(), "ecom-ckpt-"));
    try {
      const write = (path: string, text: string) => {
        mkdirSync(join(root, path, ".."), { recursive: true });
        writeFileSync(join(root, path), text);
      };
      write("ecom_bronze/offsets/0", kafkaLog({ t: { "0": 10 } }));
      write("ecom_bronze/offsets/1", kafkaLog({ t: { "0": 20 } }));
      write("ecom_bronze/offsets/2", kafkaLog({ t: { "0": 30 } }));
      write("ecom_bronze/commits/0", "v1\n{}");
      write("ecom_bronze/commits/1", "v1\n{}");
      write("ecom_silver/offsets/0", 'v1\n{}\n{"logOffset":0}');
      write("ecom_silver/commits/0", "v1\n{}");
      write("fresh/offsets/0", kafkaLog({ t: { "0": 1 } }));
      const found = await kafkaCheckpoints(lakeStore(loadConfig()), pathToFileURL(root).href);
      assert.equal(found.length, 1);
      assert.equal(found[0]?.query, "ecom_bronze");
      assert.equal(found[0]?.batch, 1);
      assert.equal(found[0]?.offsets.get("t")?.get(0), 20);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
