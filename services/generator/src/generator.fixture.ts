import { defaultOptions, type GeneratorOptions } from "./options.js";
import { type PackedBatch, unpackMessages } from "./packed-batch.js";
import type { RecordSink } from "./producer.js";

/** Options for tests: fixed seed and event-time start, no progress, max rate. */
export function testOptions(overrides: Partial<GeneratorOptions> = {}): GeneratorOptions {
  return {
    ...defaultOptions(),
    seed: 1234,
    startMs: Date.parse("2024-03-10T12:00:00.000Z"),
    rate: "max",
    progress: "off",
    ...overrides,
  };
}

/** A record as a sink received it. */
export interface SentRecord {
  key: string;
  value: string;
  timestampMs: number;
}

/** An in-memory sink that acknowledges every batch (optionally after a delay). */
export function memorySink(delayMs = 0): RecordSink & { records: SentRecord[]; closed: boolean } {
  const sink = {
    records: [] as SentRecord[],
    closed: false,
    async send(batch: PackedBatch) {
      const received = unpackMessages(batch, "memory").map((m) => ({
        key: m.key.toString("utf8"),
        value: m.value.toString("utf8"),
        timestampMs: Number(m.timestamp),
      }));
      if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
      sink.records.push(...received);
    },
    async close() {
      sink.closed = true;
    },
  };
  return sink;
}
