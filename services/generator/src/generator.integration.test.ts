import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, describe, it } from "node:test";
import { validateRecord } from "@ecomstream/contracts";
import { Admin, Consumer, stringDeserializers } from "@platformatic/kafka";
import { testOptions } from "./generator.fixture.js";
import { valueDigest } from "./manifest.js";
import { runGenerator } from "./run.js";

/** Produces to a fresh topic on a real broker (ECOM_KAFKA_BOOTSTRAP, default localhost:9092) and reads it back. */
const bootstrap = process.env.ECOM_KAFKA_BOOTSTRAP ?? "localhost:9092";
const topic = `ecom.test.generator.${randomUUID().slice(0, 8)}`;

describe("generator against Kafka", { timeout: 120_000 }, () => {
  after(async () => {
    const admin = new Admin({ clientId: "generator-test-admin", bootstrapBrokers: [bootstrap] });
    await admin.deleteTopics({ topics: [topic] }).catch(() => {});
    await admin.close();
  });

  it("the topic holds exactly the manifest's records, keyed by session id, invalid ones as the contract says", async () => {
    const { manifest } = await runGenerator(testOptions({ count: 2000, topic, bootstrap }), {
      partitions: 3,
    });
    assert.equal(manifest.records.total, 2000);

    const consumer = new Consumer({
      groupId: `generator-test-${randomUUID()}`,
      clientId: "generator-test",
      bootstrapBrokers: [bootstrap],
      deserializers: stringDeserializers,
    });
    const seen: Array<{ key: string; value: string; timestamp: bigint }> = [];
    try {
      const stream = await consumer.consume({
        topics: [topic],
        mode: "earliest",
        autocommit: false,
        maxWaitTime: 500,
      });
      const deadline = Date.now() + 60_000;
      for await (const message of stream) {
        seen.push({ key: message.key, value: message.value, timestamp: message.timestamp });
        if (seen.length >= manifest.records.total || Date.now() > deadline) break;
      }
      // Nothing beyond the manifest's count: wait briefly for stragglers.
      await new Promise((resolve) => setTimeout(resolve, 1000));
      await stream.close();
    } finally {
      await consumer.close(true);
    }
    assert.equal(seen.length, manifest.records.total);

    const invalidExpected = new Map(
      manifest.invalidRecords.map((r) => [`${r.key}|${r.timestampMs}|${r.sha256}`, r]),
    );
    let invalid = 0;
    for (const m of seen) {
      const verdict = validateRecord(m.value, new Date(Number(m.timestamp)));
      const expected = invalidExpected.get(`${m.key}|${Number(m.timestamp)}|${valueDigest(m.value)}`);
      if (expected) {
        invalid++;
        assert.deepEqual(verdict.ok ? "valid" : [verdict.reason, verdict.field], [
          expected.reason,
          expected.field,
        ]);
      } else {
        assert.ok(verdict.ok, m.value);
        assert.equal(m.key, verdict.event.session_id);
      }
    }
    assert.equal(invalid, manifest.records.invalid);
  });
});
