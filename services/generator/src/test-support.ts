import { defaultOptions, type GeneratorOptions } from "./options.js";
import type { RecordSink } from "./producer.js";
import type { GeneratedRecord } from "./records.js";

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

/** An in-memory sink that acknowledges every batch (optionally after a delay). */
export function memorySink(delayMs = 0): RecordSink & { records: GeneratedRecord[]; closed: boolean } {
  const sink = {
    records: [] as GeneratedRecord[],
    closed: false,
    async send(batch: readonly GeneratedRecord[]) {
      if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
      sink.records.push(...batch);
    },
    async close() {
      sink.closed = true;
    },
  };
  return sink;
}
