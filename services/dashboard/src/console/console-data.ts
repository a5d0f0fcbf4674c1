import type { LakeStore } from "@ecomstream/lake";
import { kafkaCheckpoints } from "./checkpoint-offsets.js";
import type { KafkaBrowser } from "./kafka-browser.js";
import { Throughput } from "./throughput.js";
import type { ConsumerSummary, GroupsAnswer, PartitionLag, TopicsAnswer } from "./types.js";

const internalTopic = (name: string) => name.startsWith("__");

/** Topics, consumer groups and Spark queries as the console shows them. */
export class ConsoleData {
  readonly throughput = new Throughput();

  constructor(
    private readonly kafka: KafkaBrowser,
    private readonly checkpointUri: string,
    private readonly store: LakeStore,
    private readonly clock: () => number = Date.now,
  ) {}

  async topics(): Promise<TopicsAnswer> {
    const names = (await this.kafka.admin.listTopics({ includeInternals: true })).sort();
    const metadata = await this.kafka.metadata(names);
    const offsets = await this.kafka.partitionOffsets(metadata, names);
    const at = this.clock();
    const topics = names.map((name) => {
      const partitions = offsets.get(name) ?? [];
      const total = partitions.reduce((sum, p) => sum + p.end, 0);
      this.throughput.record(name, total, at);
      return {
        name,
        internal: internalTopic(name),
        partitions,
        messages: partitions.reduce((sum, p) => sum + p.messages, 0),
        recordsPerSecond: this.throughput.rate(name),
      };
    });
    return {
      bootstrap: this.kafka.bootstrap,
      brokers: [...metadata.brokers].map(([nodeId, b]) => ({ nodeId, host: b.host, port: b.port })),
      topics,
      checkedAt: new Date(at).toISOString(),
    };
  }

  /** End offsets of the topics named, per partition. */
  private async ends(topics: Set<string>): Promise<Map<string, Map<number, number>>> {
    const metadata = await this.kafka.metadata([...topics]);
    const known = [...topics].filter((t) => metadata.topics.has(t));
    const offsets = await this.kafka.partitionOffsets(metadata, known);
    return new Map(known.map((t) => [t, new Map((offsets.get(t) ?? []).map((p) => [p.partition, p.end]))]));
  }

  private static lags(
    positions: Map<string, Map<number, number>>,
    ends: Map<string, Map<number, number>>,
  ): PartitionLag[] {
    const lags: PartitionLag[] = [];
    for (const [topic, partitions] of ends) {
      const at = positions.get(topic);
      if (!at) continue;
      for (const [partition, end] of partitions) {
        // as Kafka's own tools: only partitions the reader has a position in
        const position = at.get(partition);
        if (position === undefined) continue;
        lags.push({ topic, partition, position, end, lag: Math.max(0, end - position) });
      }
    }
    return lags.sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition);
  }

  async groups(): Promise<GroupsAnswer> {
    const notes: string[] = [];
    const consumers: ConsumerSummary[] = [];
    const listed = await this.kafka.admin.listGroups();
    const ids = [...listed.keys()].sort();
    const described = ids.length > 0 ? await this.kafka.admin.describeGroups({ groups: ids }) : new Map();
    const committed = ids.length > 0 ? await this.kafka.admin.listConsumerGroupOffsets({ groups: ids }) : [];
    const positions = new Map<string, Map<string, Map<number, number>>>();
    for (const group of committed) {
      positions.set(
        group.groupId,
        new Map(
          group.topics.map((t) => [
            t.name,
            new Map(
              t.partitions
                .filter((p) => p.committedOffset >= 0n)
                .map((p) => [p.partitionIndex, Number(p.committedOffset)]),
            ),
          ]),
        ),
      );
    }
    let checkpoints: Awaited<ReturnType<typeof kafkaCheckpoints>> = [];
    try {
      checkpoints = await kafkaCheckpoints(this.store, this.checkpointUri);
    } catch (error) {
      notes.push(`Spark queries: ${(error as Error).message}`);
    }
    const topics = new Set<string>();
    for (const byTopic of positions.values()) for (const topic of byTopic.keys()) topics.add(topic);
    for (const checkpoint of checkpoints) for (const topic of checkpoint.offsets.keys()) topics.add(topic);
    const ends = await this.ends(topics);

    for (const id of ids) {
      const partitions = ConsoleData.lags(positions.get(id) ?? new Map(), ends);
      consumers.push({
        name: id,
        kind: "consumer-group",
        state: described.get(id)?.state ?? listed.get(id)?.state ?? "unknown",
        members: described.get(id)?.members.size ?? 0,
        partitions,
        totalLag: partitions.reduce((sum, p) => sum + p.lag, 0),
        source: "committed offsets",
      });
    }
    for (const checkpoint of checkpoints) {
      const partitions = ConsoleData.lags(checkpoint.offsets, ends);
      consumers.push({
        name: checkpoint.query,
        kind: "spark-query",
        state: `batch ${checkpoint.batch} committed`,
        members: 0,
        partitions,
        totalLag: partitions.reduce((sum, p) => sum + p.lag, 0),
        source: checkpoint.folder,
      });
    }
    return { consumers, notes, checkedAt: new Date(this.clock()).toISOString() };
  }
}
