import { Admin } from "@platformatic/kafka";

/** Offsets by partition. */
export type PartitionOffsets = Map<number, number>;

/**
 * The offsets a Spark Kafka source's progress reports for `topic` (`{"topic": {"0": 42, ...}}`,
 * an object or its JSON text); null when the source is not that topic.
 */
export function sparkKafkaOffsets(endOffset: unknown, topic: string): PartitionOffsets | null {
  let value = endOffset;
  if (typeof value === "string") {
    try {
      value = JSON.parse(value);
    } catch {
      return null;
    }
  }
  const partitions = (value as Record<string, unknown> | null)?.[topic];
  if (typeof partitions !== "object" || partitions === null) return null;
  const offsets: PartitionOffsets = new Map();
  for (const [partition, offset] of Object.entries(partitions)) {
    const p = Number(partition);
    const o = Number(offset);
    if (Number.isInteger(p) && Number.isFinite(o)) offsets.set(p, o);
  }
  return offsets;
}

/**
 * Records between a reader's position and the end of each partition. A partition the reader has
 * no position in counts from its earliest offset.
 */
export function recordsBehind(
  end: PartitionOffsets,
  position: PartitionOffsets,
  earliest: PartitionOffsets = new Map(),
): number {
  let behind = 0;
  for (const [partition, last] of end) {
    const at = position.get(partition) ?? earliest.get(partition) ?? 0;
    behind += Math.max(0, last - at);
  }
  return behind;
}

/** A long-lived Kafka admin client for the loader's lag figures. */
export class TopicOffsets {
  private admin: Admin | undefined;

  constructor(private readonly bootstrap: string) {}

  private client(): Admin {
    this.admin ??= new Admin({
      clientId: "ecom-loader",
      bootstrapBrokers: this.bootstrap.split(",").map((b) => b.trim()),
      retries: 1,
    });
    return this.admin;
  }

  /** Earliest and end offsets of every partition of `topic`. */
  async range(topic: string): Promise<{ earliest: PartitionOffsets; end: PartitionOffsets }> {
    const admin = this.client();
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
      return { earliest: await ask(-2n), end: await ask(-1n) };
    } catch (error) {
      await this.close(); // reconnect next time
      throw error;
    }
  }

  /** The offsets consumer group `groupId` committed in `topic`. */
  async committed(groupId: string, topic: string): Promise<PartitionOffsets> {
    const admin = this.client();
    try {
      const groups = await admin.listConsumerGroupOffsets({ groups: [groupId] });
      const offsets: PartitionOffsets = new Map();
      for (const group of groups)
        for (const t of group.topics)
          if (t.name === topic)
            for (const p of t.partitions)
              if (p.committedOffset >= 0n) offsets.set(p.partitionIndex, Number(p.committedOffset));
      return offsets;
    } catch (error) {
      await this.close();
      throw error;
    }
  }

  async close(): Promise<void> {
    const admin = this.admin;
    this.admin = undefined;
    await admin?.close().catch(() => undefined);
  }
}
