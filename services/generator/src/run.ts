import { writeFile } from "node:fs/promises";
import { setTimeout as sleep } from "node:timers/promises";
import { loadConfig } from "@ecomstream/runtime";
import { BatchFacts } from "./batch-facts.js";
import { type Manifest, ManifestBuilder, type StopReason } from "./manifest.js";
import type { GeneratorOptions } from "./options.js";
import { type PackedBatch, PackedBatchWriter } from "./packed-batch.js";
import { createKafkaSink, type RecordSink } from "./producer.js";
import type { ProgressSnapshot } from "./progress.js";
import { eventTimeRate, type GeneratedRecord, RecordGenerator } from "./records.js";

export interface GeneratorDeps {
  /** Where records go; default: an idempotent Kafka producer on options.bootstrap/topic. */
  sink?: RecordSink;
  /** Partitions for a topic the generator creates; default ECOM_TOPIC_PARTITIONS (6). */
  partitions?: number;
  /** Stops the run cleanly (in-flight batches are flushed, the manifest still written). */
  signal?: AbortSignal;
  /** Called about every 250 ms, and once at the end. */
  onProgress?: (progress: ProgressSnapshot) => void;
  /** Records per produce request (default 5000 at max rate, 500 paced). */
  batchSize?: number;
  /**
   * Batches handed to the sink and not yet acknowledged (default 4). The sink produces them one
   * at a time, in order (see RecordSink.send).
   */
  maxInFlight?: number;
}

export interface GeneratorResult {
  manifest: Manifest;
  stoppedBy: StopReason;
  acknowledged: number;
  wallSeconds: number;
  /** Acknowledged records per second of wall time, first send to last acknowledgement. */
  eventsPerSecond: number;
}

/** Event-time start: the given one; for a max-rate run with a count, so that it ends about now. */
export function resolveStart(options: GeneratorOptions, nowMs: number): number {
  if (options.startMs !== undefined) return options.startMs;
  if (options.rate === "max" && options.count !== undefined)
    return Math.floor(nowMs - (options.count / eventTimeRate(options)) * 1000);
  return nowMs;
}

/**
 * Generates and produces records until --count, --duration or the signal; writes the manifest
 * (when options.manifestPath is set) even when stopped early or failing, then returns or rethrows.
 */
export async function runGenerator(
  options: GeneratorOptions,
  deps: GeneratorDeps = {},
): Promise<GeneratorResult> {
  const startMs = resolveStart(options, Date.now());
  const gen = new RecordGenerator(options, startMs);
  const manifest = new ManifestBuilder(options, startMs, gen.incidents.spans);
  const sink =
    deps.sink ??
    (await createKafkaSink({
      bootstrap: options.bootstrap,
      topic: options.topic,
      compression: options.compression,
      partitions: deps.partitions ?? loadConfig().topic.partitions,
    }));
  const paced = options.rate !== "max";
  const startedAt = Date.now();
  const batchSize = deps.batchSize ?? (paced ? 500 : 5000);
  const maxInFlight = deps.maxInFlight ?? 4;
  const inFlight = new Set<Promise<void>>();
  const stats = {
    generated: 0,
    invalid: 0,
    duplicates: 0,
    late: 0,
    errors: 0,
    lastAcked: 0,
    lastAt: startedAt,
    rate: 0,
  };
  let failure: unknown;
  let stoppedBy: StopReason = "signal";
  let held: GeneratedRecord | undefined;
  let lastAckAt = startedAt;
  let firstSendAt: number | undefined;
  let chain: Promise<void> = Promise.resolve();

  const snapshot = (): ProgressSnapshot => {
    const now = Date.now();
    if (now - stats.lastAt >= 1000) {
      stats.rate = ((manifest.total - stats.lastAcked) * 1000) / (now - stats.lastAt);
      stats.lastAcked = manifest.total;
      stats.lastAt = now;
    }
    return {
      elapsedSec: (now - startedAt) / 1000,
      generated: stats.generated,
      acknowledged: manifest.total,
      rate: stats.rate,
      invalid: stats.invalid,
      duplicates: stats.duplicates,
      late: stats.late,
      errors: stats.errors,
    };
  };
  const progressTimer = deps.onProgress ? setInterval(() => deps.onProgress?.(snapshot()), 250) : undefined;

  const send = (batch: PackedBatch, facts: BatchFacts) => {
    firstSendAt ??= Date.now();
    // Handed to the sink at once (it delivers in order); acknowledgements are counted in order.
    const sent = failure === undefined ? sink.send(batch) : Promise.reject(failure);
    sent.catch(() => undefined);
    const p = chain
      .then(() => sent)
      .then(() => {
        manifest.addBatch(facts);
        lastAckAt = Date.now();
      })
      .catch((error: unknown) => {
        stats.errors++;
        failure ??= error;
      })
      .finally(() => inFlight.delete(p));
    chain = p;
    inFlight.add(p);
  };

  try {
    for (;;) {
      if (failure !== undefined) {
        stoppedBy = "error";
        break;
      }
      if (deps.signal?.aborted) break;
      if (options.count !== undefined && stats.generated >= options.count) {
        stoppedBy = "count";
        break;
      }
      if (options.durationSec !== undefined && Date.now() - startedAt >= options.durationSec * 1000) {
        stoppedBy = "duration";
        break;
      }
      // Each record is packed and its facts noted at once, so it is garbage before the batch is sent.
      const batch = new PackedBatchWriter(batchSize);
      const facts = new BatchFacts(batchSize);
      let waitMs = 0;
      while (batch.size < batchSize && (options.count === undefined || stats.generated < options.count)) {
        const record = held ?? gen.next();
        held = undefined;
        if (paced) {
          const due = startedAt + (record.timestampMs - startMs) / options.speed;
          const ahead = due - Date.now();
          if (ahead > 0) {
            held = record;
            waitMs = Math.min(ahead, 50);
            break;
          }
        }
        batch.add(record);
        facts.add(record);
        stats.generated++;
        if (record.kind === "invalid") stats.invalid++;
        else if (record.kind === "duplicate") stats.duplicates++;
        else if (record.kind === "late") stats.late++;
      }
      if (batch.size > 0) send(batch.finish(), facts);
      while (inFlight.size >= maxInFlight) await Promise.race(inFlight);
      if (waitMs > 0) await sleep(waitMs, undefined, { signal: deps.signal }).catch(() => {});
    }
    await Promise.all(inFlight);
  } finally {
    if (progressTimer) clearInterval(progressTimer);
    await Promise.all(inFlight);
    if (!deps.sink) await sink.close().catch(() => {});
  }
  if (failure !== undefined) stoppedBy = "error";
  deps.onProgress?.(snapshot());
  const finishedAt = Date.now();
  const built = manifest.build({ startedAtMs: startedAt, finishedAtMs: finishedAt, stoppedBy });
  if (options.manifestPath) await writeFile(options.manifestPath, `${JSON.stringify(built, null, 2)}\n`);
  if (failure !== undefined) throw failure;
  const wallSeconds = (lastAckAt - (firstSendAt ?? startedAt)) / 1000;
  return {
    manifest: built,
    stoppedBy,
    acknowledged: manifest.total,
    wallSeconds,
    eventsPerSecond: wallSeconds > 0 ? manifest.total / wallSeconds : 0,
  };
}
