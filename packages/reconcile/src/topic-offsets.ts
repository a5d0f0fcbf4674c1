import { Admin } from "@platformatic/kafka";

export interface PartitionRange {
  partition: number;
  earliest: number;
  latest: number;
}

/** Earliest and end offsets of every partition of a topic (what the topic holds now). */
export async function topicRange(bootstrap: string, topic: string): Promise<PartitionRange[]> {
  const admin = new Admin({ clientId: "ecom-reconcile", bootstrapBrokers: bootstrap.split(","), retries: 2 });
  try {
    const metadata = await admin.metadata({ topics: [topic] });
    const count = metadata.topics.get(topic)?.partitionsCount ?? 0;
    const partitions = Array.from({ length: count }, (_, i) => i);
    const ask = async (timestamp: bigint) => {
      const [listed] = await admin.listOffsets({
        topics: [
          { name: topic, partitions: partitions.map((partitionIndex) => ({ partitionIndex, timestamp })) },
        ],
      });
      return new Map((listed?.partitions ?? []).map((p) => [p.partitionIndex, Number(p.offset)]));
    };
    const earliest = await ask(-2n);
    const latest = await ask(-1n);
    return partitions.map((partition) => ({
      partition,
      earliest: earliest.get(partition) ?? 0,
      latest: latest.get(partition) ?? 0,
    }));
  } finally {
    await admin.close().catch(() => undefined);
  }
}
