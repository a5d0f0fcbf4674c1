import { Worker } from "node:worker_threads";
import { EcomError, errorCodes } from "@ecomstream/runtime";
import { Admin } from "@platformatic/kafka";
import type { FromProducer, ProducerSettings, ToProducer } from "./kafka-worker.js";
import type { PackedBatch } from "./packed-batch.js";

/** Where generated records go; the Kafka sink in production, an in-memory one in tests. */
export interface RecordSink {
  /**
   * Resolves once the broker acknowledged every record of the batch (acks=all). Batches are
   * delivered in call order, and none after one that failed, so a caller may hand over the next
   * batch before the previous one is acknowledged. The sink may take over (transfer) the batch's
   * buffers.
   */
  send(batch: PackedBatch): Promise<void>;
  close(): Promise<void>;
}

export class KafkaSinkError extends EcomError {
  constructor(message: string, cause: unknown) {
    super(errorCodes.unreachable, message, {
      cause,
      fix: "check that Kafka runs (`./ecom status`) and --bootstrap/ECOM_KAFKA_BOOTSTRAP points at it",
    });
    this.name = "KafkaSinkError";
  }
}

export interface KafkaSinkOptions {
  bootstrap: string;
  topic: string;
  /** Partitions to create the topic with when it does not exist. */
  partitions: number;
  compression: "none" | "gzip" | "snappy" | "lz4";
  clientId?: string;
}

/** Creates the topic when missing (with `partitions`), tolerating a concurrent creation. */
async function ensureTopic(options: KafkaSinkOptions, brokers: string[]): Promise<void> {
  const admin = new Admin({
    clientId: `${options.clientId ?? "ecom-generator"}-admin`,
    bootstrapBrokers: brokers,
  });
  try {
    const topics = await admin.listTopics();
    if (topics.includes(options.topic)) return;
    try {
      await admin.createTopics({ topics: [options.topic], partitions: options.partitions, replicas: 1 });
    } catch (error) {
      if (
        !String((error as Error).message + JSON.stringify(error)).match(
          /already exists|TOPIC_ALREADY_EXISTS|36/,
        )
      )
        throw error;
    }
  } finally {
    await admin.close();
  }
}

/**
 * The producer thread's young generation. The client makes several small objects per record that
 * live until the broker acknowledges their request; with the default (16 MB semi-spaces) many of
 * them survive into the old generation, whose marking then costs more than the scavenges.
 */
const resourceLimits = { maxYoungGenerationSizeMb: 96 };

/**
 * Starts kafka-worker beside this file. Run from source (`.ts`), the worker first registers tsx:
 * worker threads do not inherit the `--import tsx` loader (privatenumber/tsx#354).
 */
function startProducerThread(settings: ProducerSettings): Worker {
  if (!import.meta.url.endsWith(".ts"))
    return new Worker(new URL("./kafka-worker.js", import.meta.url), {
      workerData: settings,
      resourceLimits,
    });
  const tsx = import.meta.resolve("tsx/esm/api");
  const entry = new URL("./kafka-worker.ts", import.meta.url).href;
  const bootstrap = `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); })`;
  return new Worker(bootstrap, { eval: true, workerData: settings, resourceLimits });
}

/**
 * An idempotent Kafka producer (acks=all, compression, batches as given, key = session id,
 * value = the JSON text, timestamp = the record's CreateTime so validation is deterministic),
 * running on a worker thread (kafka-worker.ts). Batches may be handed over before earlier ones are
 * acknowledged: they are produced one after another in call order, and after a failure the later
 * ones are refused unsent.
 */
export async function createKafkaSink(options: KafkaSinkOptions): Promise<RecordSink> {
  const brokers = options.bootstrap.split(",").map((b) => b.trim());
  try {
    await ensureTopic(options, brokers);
  } catch (error) {
    throw new KafkaSinkError(
      `cannot reach Kafka at ${options.bootstrap} to prepare topic ${options.topic}`,
      error,
    );
  }
  const topic = options.topic;
  const settings: ProducerSettings = {
    brokers,
    topic,
    compression: options.compression,
    clientId: options.clientId ?? "ecom-generator",
  };
  const worker = startProducerThread(settings);
  const pending = new Map<number, { resolve: () => void; reject: (error: unknown) => void }>();
  let nextId = 0;
  /** Set once the thread failed or exited: later sends are refused with it. */
  let dead: unknown;
  const failAll = (error: unknown) => {
    dead ??= error;
    for (const p of pending.values()) p.reject(dead);
    pending.clear();
  };
  const closed = new Promise<void>((resolve) => {
    worker.on("message", (message: FromProducer) => {
      if (message.type === "closed") return;
      const p = pending.get(message.id);
      pending.delete(message.id);
      if (message.type === "acked") p?.resolve();
      else
        p?.reject(
          new KafkaSinkError(
            `producing to ${topic} failed: ${message.message}`,
            Object.assign(new Error(message.message), { detail: message.detail }),
          ),
        );
    });
    worker.on("error", (error) =>
      failAll(new KafkaSinkError(`the Kafka producer thread failed: ${error.message}`, error)),
    );
    worker.on("exit", (code) => {
      failAll(new KafkaSinkError(`the Kafka producer thread has exited (code ${code})`, undefined));
      resolve();
    });
  });
  return {
    send(batch) {
      if (dead !== undefined) return Promise.reject(dead);
      const id = nextId++;
      return new Promise<void>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.postMessage({ type: "send", id, ...batch } satisfies ToProducer, [
          batch.data.buffer as ArrayBuffer,
          batch.ends.buffer as ArrayBuffer,
          batch.timestamps.buffer as ArrayBuffer,
        ]);
      });
    },
    async close() {
      if (dead === undefined) worker.postMessage({ type: "close" } satisfies ToProducer);
      await closed;
    },
  };
}
