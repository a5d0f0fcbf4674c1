import { EcomError, errorCodes } from "@ecomstream/runtime";
import { Admin, ProduceAcks, Producer, stringSerializers } from "@platformatic/kafka";
import type { GeneratedRecord } from "./records.js";

/** Where generated records go; the Kafka sink in production, an in-memory one in tests. */
export interface RecordSink {
  /** Resolves once the broker acknowledged every record of the batch (acks=all). */
  send(batch: readonly GeneratedRecord[]): Promise<void>;
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
 * An idempotent Kafka producer (acks=all, compression, batches as given, key = session id,
 * value = the JSON text, timestamp = the record's CreateTime so validation is deterministic).
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
  const producer = new Producer({
    clientId: options.clientId ?? "ecom-generator",
    bootstrapBrokers: brokers,
    idempotent: true,
    acks: ProduceAcks.ALL,
    ...(options.compression === "none" ? {} : { compression: options.compression }),
    serializers: stringSerializers,
    retries: 10,
    retryDelay: 250,
  });
  const topic = options.topic;
  return {
    async send(batch) {
      try {
        await producer.send({
          messages: batch.map((r) => ({
            topic,
            key: r.key,
            value: r.value,
            timestamp: BigInt(r.timestampMs),
          })),
        });
      } catch (error) {
        throw new KafkaSinkError(`producing to ${topic} failed: ${(error as Error).message}`, error);
      }
    },
    async close() {
      await producer.close();
    },
  };
}
