import assert from "node:assert/strict";
import { randomBytes, randomUUID } from "node:crypto";
import { describe, it } from "node:test";
import { defaultPartitioner, murmur2 as libraryMurmur2 } from "@platformatic/kafka";
import { keyPartitioner, murmur2 } from "./partitioner.js";

describe("murmur2 / keyPartitioner", () => {
  it("hash like the Kafka client's murmur2 for keys of every length mod 4", () => {
    const keys = [Buffer.alloc(0), Buffer.from("a"), Buffer.from("ab"), Buffer.from("abc")];
    for (let i = 0; i < 2000; i++) keys.push(randomBytes(i % 67));
    for (let i = 0; i < 2000; i++) keys.push(Buffer.from(randomUUID()));
    for (const key of keys) {
      assert.equal(murmur2(key), libraryMurmur2(key), key.toString("hex"));
      assert.equal(keyPartitioner(undefined, key), defaultPartitioner(undefined as never, key));
    }
  });

  it("match Kafka's published murmur2 values", () => {
    // From Kafka's UtilsTest.testMurmur2.
    const cases: Array<[string, number]> = [
      ["21", -973932308],
      ["foobar", -790332482],
      ["a-little-bit-long-string", -985981536],
      ["a-little-bit-longer-string", -1486304829],
      ["lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8", -58897971],
    ];
    for (const [text, hash] of cases) assert.equal(murmur2(Buffer.from(text)), hash, text);
  });
});
