import { loadConfig } from "@ecomstream/runtime";
import { Admin, Producer, stringSerializers } from "@platformatic/kafka";

/** Kafka topics of a test's own on the runtime's broker. */

const brokers = () => loadConfig().kafka.bootstrap.split(",");

/** A topic name no other test uses: `<label>-<random>`. */
export const uniqueTopic = (label: string) => `${label}-${Math.random().toString(36).slice(2, 10)}`;

/** Creates `topic` with `partitions` partitions (replication 1: the runtime has one broker). */
export async function createTopic(topic: string, partitions = 1): Promise<void> {
  const admin = new Admin({ clientId: "ecom-testkit", bootstrapBrokers: brokers() });
  try {
    await admin.createTopics({ topics: [topic], partitions, replicas: 1 });
  } finally {
    await admin.close();
  }
}

/** Deletes test topics (best effort: a broker that refuses leaves them, named uniquely, to its retention). */
export async function deleteTopics(topics: readonly string[]): Promise<void> {
  const admin = new Admin({ clientId: "ecom-testkit", bootstrapBrokers: brokers() });
  try {
    await admin.deleteTopics({ topics: [...topics] });
  } catch {
    // left for the broker's retention
  } finally {
    await admin.close().catch(() => undefined);
  }
}

/** A record to produce: its value, partition and Kafka time. */
export interface TopicRecord {
  value: string;
  partition: number;
  timestampMs: number;
  key?: string;
}

/** Produces `records` to `topic`, acknowledged by the broker before it returns. */
export async function produce(topic: string, records: readonly TopicRecord[]): Promise<void> {
  const producer = new Producer({
    clientId: "ecom-testkit",
    bootstrapBrokers: brokers(),
    serializers: stringSerializers,
  });
  try {
    await producer.send({
      messages: records.map((r) => ({
        topic,
        partition: r.partition,
        value: r.value,
        ...(r.key === undefined ? {} : { key: r.key }),
        timestamp: BigInt(r.timestampMs),
      })),
    });
  } finally {
    await producer.close();
  }
}
