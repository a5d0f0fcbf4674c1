/**
 * The generator's Kafka producer, on a worker thread: encoding, compressing and sending record
 * batches takes about as much CPU as generating the records, so the two run side by side.
 *
 * Batches are produced strictly one after another, in the order they arrive: an idempotent
 * producer with several requests in flight per partition gets OUT_OF_ORDER_SEQUENCE_NUMBER from
 * this client. Once a batch fails, every later batch is refused unsent, so the records the
 * broker holds are exactly the acknowledged ones before the failure.
 */
import { parentPort, workerData } from "node:worker_threads";
import { ProduceAcks, Producer } from "@platformatic/kafka";
import { type PackedBatch, unpackMessages } from "./packed-batch.js";
import { keyPartitioner } from "./partitioner.js";

export interface ProducerSettings {
  brokers: string[];
  topic: string;
  compression: "none" | "gzip" | "snappy" | "lz4";
  clientId: string;
}

/** Main thread -> worker. */
export type ToProducer = ({ type: "send"; id: number } & PackedBatch) | { type: "close" };

/** Worker -> main thread. */
export type FromProducer =
  | { type: "acked"; id: number }
  | { type: "failed"; id: number; message: string; detail: string }
  | { type: "closed" };

const settings = workerData as ProducerSettings;
const port = parentPort;
if (!port) throw new Error("kafka-worker.ts runs as a worker thread (see producer.ts)");

const producer = new Producer({
  clientId: settings.clientId,
  bootstrapBrokers: settings.brokers,
  idempotent: true,
  acks: ProduceAcks.ALL,
  ...(settings.compression === "none" ? {} : { compression: settings.compression }),
  // ~12 s of retries: longer than KRaft takes to elect a new leader when a broker dies (its
  // session timeout is 9 s), so a cluster losing one broker slows the generator down, never stops it
  retries: 40,
  retryDelay: 300,
  // The client's default partition for each key, hashed without BigInts.
  partitioner: keyPartitioner,
});

const queue: Array<Extract<ToProducer, { type: "send" }>> = [];
let failure: string | undefined;
let draining = false;
let closing = false;

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const own = Object.fromEntries(Object.entries(error).filter(([k]) => k !== "stack"));
  if (Object.keys(own).length === 0) return String(error.stack);
  let fields: string;
  try {
    // client errors carry BigInt offsets and may nest other errors
    fields = JSON.stringify(own, (_key, value) => (typeof value === "bigint" ? value.toString() : value));
  } catch {
    fields = Object.keys(own).join(", ");
  }
  return `${error.stack ?? error.message} ${fields}`;
}

/** How often records of partitions whose leader could not be reached are sent again (a second apart). */
const resends = 30;

/**
 * Sends a batch. When a broker dies, the client fails the partitions it led (a connection error)
 * and reports the partitions it wrote (`produced`); only the other partitions' records are sent
 * again, once fresh metadata names their new leader, so nothing is written twice.
 */
async function produce(batch: PackedBatch): Promise<void> {
  let messages = unpackMessages(batch, settings.topic);
  for (let attempt = 1; ; attempt++) {
    try {
      await producer.send({ messages });
      return;
    } catch (error) {
      const produced = (error as { produced?: { offsets?: Array<{ partition: number }> } }).produced?.offsets;
      if (!produced || attempt > resends) throw error;
      const written = new Set(produced.map((o) => Number(o.partition)));
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const metadata = await producer
        .metadata({ topics: [settings.topic], forceUpdate: true })
        .catch(() => undefined);
      const count = metadata?.topics.get(settings.topic)?.partitionsCount;
      if (count) messages = messages.filter((m) => !written.has(keyPartitioner(m, m.key) % count));
    }
  }
}

async function drain(): Promise<void> {
  if (draining) return;
  draining = true;
  for (let batch = queue.shift(); batch; batch = queue.shift()) {
    if (failure !== undefined) {
      port?.postMessage({
        type: "failed",
        id: batch.id,
        message: `not sent: an earlier batch failed (${failure})`,
        detail: "",
      } satisfies FromProducer);
      continue;
    }
    try {
      await produce(batch);
      port?.postMessage({ type: "acked", id: batch.id } satisfies FromProducer);
    } catch (error) {
      failure = (error as Error).message ?? String(error);
      port?.postMessage({
        type: "failed",
        id: batch.id,
        message: failure,
        detail: describe(error),
      } satisfies FromProducer);
    }
  }
  draining = false;
  if (closing) await close();
}

async function close(): Promise<void> {
  await producer.close().catch(() => undefined);
  port?.postMessage({ type: "closed" } satisfies FromProducer);
  port?.close();
}

port.on("message", (message: ToProducer) => {
  if (message.type === "send") {
    queue.push(message);
    void drain();
  } else {
    closing = true;
    if (!draining) void close();
  }
});
