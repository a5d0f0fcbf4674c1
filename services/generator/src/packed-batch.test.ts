import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { testOptions } from "./generator.fixture.js";
import { packBatch, unpackMessages } from "./packed-batch.js";
import { type GeneratedRecord, RecordGenerator } from "./records.js";

const record = (key: string, value: string, timestampMs: number): GeneratedRecord => ({
  key,
  value,
  timestampMs,
  kind: "invalid",
  eventType: "page_view",
  eventTimeMs: timestampMs,
});

describe("packBatch / unpackMessages", () => {
  it("gives back every key, value and timestamp as UTF-8 bytes, in order", () => {
    const records = [
      record("s-1", '{"a":1}', 1_700_000_000_123),
      record("", "", 0),
      record("s-ü", '{"name":"Zoë 😀 ✓"}', 1_700_000_000_124),
      record("s-3", "not json at all\n", 2 ** 45),
    ];
    const messages = unpackMessages(packBatch(records), "t");
    assert.equal(messages.length, records.length);
    messages.forEach((m, i) => {
      const r = records[i] as GeneratedRecord;
      assert.equal(m.topic, "t");
      assert.equal(m.key.toString("utf8"), r.key);
      assert.equal(m.value.toString("utf8"), r.value);
      assert.equal(m.timestamp, BigInt(r.timestampMs));
    });
  });

  it("grows its buffer for text that is not ASCII", () => {
    const wide = "€".repeat(5000);
    const records = Array.from({ length: 50 }, (_, i) => record(`k${i}`, `${i}${wide}`, i));
    const packed = packBatch(records);
    assert.equal(
      packed.data.byteLength,
      records.reduce((n, r) => n + Buffer.byteLength(r.key + r.value), 0),
    );
    const messages = unpackMessages(packed, "t");
    assert.deepEqual(
      messages.map((m) => m.value.toString("utf8")),
      records.map((r) => r.value),
    );
  });

  it("writes generated events' values as the bytes of their text, whatever the kind", () => {
    const o = testOptions({ duplicateRatio: 0.05, lateRatio: 0.05 });
    const gen = new RecordGenerator(o, o.startMs as number);
    const records = Array.from({ length: 3000 }, () => gen.next());
    assert.ok(records.some((r) => r.source && r.kind === "duplicate"));
    const messages = unpackMessages(packBatch(records), "t");
    assert.deepEqual(
      messages.map((m) => [m.key.toString("utf8"), m.value.toString("utf8")]),
      records.map((r) => [r.key, r.value]),
    );
  });

  it("packs into buffers of their own, so they can be transferred", () => {
    const packed = packBatch([record("k", "v", 1)]);
    for (const part of [packed.data, packed.ends, packed.timestamps]) assert.equal(part.byteOffset, 0);
  });
});
