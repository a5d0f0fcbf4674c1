import { Admin, type ClusterMetadata, Consumer } from "@platformatic/kafka";
import type { BrowsedMessage, BrowseMode, MessagesAnswer, PartitionOffsets } from "./types.js";

export interface BrowseQuery {
  topic: string;
  mode: BrowseMode;
  /** Only this partition (every partition when undefined). */
  partition?: number;
  /** Records per partition to return. */
  limit: number;
  /** First offset (mode `offset`). */
  offset?: number;
  /** Instant in ms (mode `timestamp`): records at or after it. */
  timestamp?: number;
  /** Only records whose key contains this text; reads back up to `scanLimit` per partition. */
  key?: string;
  scanLimit?: number;
}

const earliestTs = -2n;
const latestTs = -1n;
const decoder = new TextDecoder("utf-8", { fatal: false });
const text = (buffer: Buffer | null | undefined) => (buffer ? decoder.decode(buffer) : null);

/** An unknown topic or partition: the caller's mistake (404), not the broker's. */
export class UnknownTopicError extends Error {}

/**
 * Reads what a Kafka cluster holds without joining any consumer group: topic offsets, committed
 * offsets of groups, and records fetched directly from partition leaders.
 */
export class KafkaBrowser {
  readonly admin: Admin;
  private readonly consumer: Consumer<Buffer, Buffer, Buffer, Buffer>;

  constructor(readonly bootstrap: string) {
    const common = {
      clientId: "ecom-topic-console",
      bootstrapBrokers: bootstrap.split(","),
      retries: 1,
      timeout: 10_000,
      connectTimeout: 3000,
    };
    this.admin = new Admin(common);
    // never joins its group: it only fetches from offsets it names
    this.consumer = new Consumer({ ...common, groupId: "ecom-topic-console" });
  }

  async close(): Promise<void> {
    await Promise.allSettled([this.admin.close(), this.consumer.close(true)]);
  }

  metadata(topics: string[]): Promise<ClusterMetadata> {
    return this.admin.metadata({ topics, forceUpdate: true });
  }

  /** Offsets at `timestamp` (-2 earliest, -1 end, or ms) of each partition of each topic. */
  async offsetsAt(
    topics: Map<string, number[]>,
    timestamp: bigint,
  ): Promise<Map<string, Map<number, number>>> {
    const result = new Map<string, Map<number, number>>();
    if (topics.size === 0) return result;
    const listed = await this.admin.listOffsets({
      topics: [...topics].map(([name, partitions]) => ({
        name,
        partitions: partitions.map((partitionIndex) => ({ partitionIndex, timestamp })),
      })),
    });
    for (const topic of listed) {
      result.set(topic.name, new Map(topic.partitions.map((p) => [p.partitionIndex, Number(p.offset)])));
    }
    return result;
  }

  /** Earliest and end offsets of every partition of the topics. */
  async partitionOffsets(
    metadata: ClusterMetadata,
    names: string[],
  ): Promise<Map<string, PartitionOffsets[]>> {
    const topics = new Map(
      names.map((name) => [
        name,
        Array.from({ length: metadata.topics.get(name)?.partitionsCount ?? 0 }, (_, i) => i),
      ]),
    );
    const [earliest, end] = await Promise.all([
      this.offsetsAt(topics, earliestTs),
      this.offsetsAt(topics, latestTs),
    ]);
    const result = new Map<string, PartitionOffsets[]>();
    for (const [name, partitions] of topics) {
      const meta = metadata.topics.get(name);
      result.set(
        name,
        partitions.map((partition) => {
          const first = earliest.get(name)?.get(partition) ?? 0;
          const last = end.get(name)?.get(partition) ?? 0;
          return {
            partition,
            leader: meta?.partitions[partition]?.leader ?? -1,
            earliest: first,
            end: last,
            messages: Math.max(0, last - first),
          };
        }),
      );
    }
    return result;
  }

  /** Records of one partition in [from, to), in offset order, each passed to `take` until it returns false. */
  private async read(
    topic: string,
    partition: number,
    from: number,
    to: number,
    take: (message: BrowsedMessage) => boolean,
  ): Promise<number> {
    let offset = from;
    let read = 0;
    while (offset < to) {
      const metadata = await this.consumer.metadata({ topics: [topic] });
      const meta = metadata.topics.get(topic);
      const leader = meta?.partitions[partition]?.leader;
      if (!meta || leader === undefined) throw new UnknownTopicError(`no partition ${partition} in ${topic}`);
      const response = await this.consumer.fetch({
        node: leader,
        maxWaitTime: 200,
        minBytes: 1,
        maxBytes: 4 << 20,
        topics: [
          {
            topicId: meta.id,
            partitions: [
              {
                partition,
                fetchOffset: BigInt(offset),
                partitionMaxBytes: 2 << 20,
                currentLeaderEpoch: -1,
                lastFetchedEpoch: -1,
              },
            ],
          },
        ],
      });
      let next = offset;
      for (const answer of response.responses.flatMap((t) => t.partitions)) {
        if (answer.errorCode !== 0)
          throw new Error(`fetch ${topic}/${partition}@${offset}: error ${answer.errorCode}`);
        for (const batch of answer.records ?? []) {
          next = Math.max(next, Number(batch.firstOffset) + batch.lastOffsetDelta + 1);
          if (batch.attributes & 0x20) continue; // control batch (transaction markers)
          for (const record of batch.records) {
            const at = Number(batch.firstOffset) + record.offsetDelta;
            if (at < offset || at >= to) continue;
            read += 1;
            const keep = take({
              partition,
              offset: at,
              timestamp: new Date(Number(batch.firstTimestamp + record.timestampDelta)).toISOString(),
              key: text(record.key),
              value: text(record.value),
              headers: Object.fromEntries(record.headers.map(([k, v]) => [text(k) ?? "", text(v) ?? ""])),
            });
            if (!keep) return read;
          }
        }
      }
      if (next === offset) break; // nothing more to read (retention or an empty answer)
      offset = next;
    }
    return read;
  }

  /** Records of a topic: the latest N, from an offset or a timestamp, or matching a key. */
  async browse(query: BrowseQuery): Promise<MessagesAnswer> {
    if (!(await this.admin.listTopics({ includeInternals: true })).includes(query.topic)) {
      throw new UnknownTopicError(`topic ${query.topic} does not exist`);
    }
    const metadata = await this.metadata([query.topic]);
    const meta = metadata.topics.get(query.topic);
    if (!meta) throw new UnknownTopicError(`topic ${query.topic} does not exist`);
    const all = Array.from({ length: meta.partitionsCount }, (_, i) => i);
    if (query.partition !== undefined && !all.includes(query.partition)) {
      throw new UnknownTopicError(`topic ${query.topic} has no partition ${query.partition}`);
    }
    const partitions = query.partition === undefined ? all : [query.partition];
    const ranges = (await this.partitionOffsets(metadata, [query.topic])).get(query.topic) ?? [];
    const byTime =
      query.mode === "timestamp" && query.timestamp !== undefined
        ? (await this.offsetsAt(new Map([[query.topic, partitions]]), BigInt(query.timestamp))).get(
            query.topic,
          )
        : undefined;
    const messages: BrowsedMessage[] = [];
    let scanned = 0;
    for (const partition of partitions) {
      const range = ranges.find((r) => r.partition === partition);
      if (!range || range.end <= range.earliest) continue;
      const found: BrowsedMessage[] = [];
      if (query.key !== undefined) {
        // newest first: read windows backwards from the end until enough matches or the scan limit
        const needle = query.key;
        const window = 2000;
        let to = range.end;
        const floor = Math.max(range.earliest, range.end - (query.scanLimit ?? 20_000));
        while (to > floor && found.length < query.limit) {
          const from = Math.max(floor, to - window);
          const hits: BrowsedMessage[] = [];
          scanned += await this.read(query.topic, partition, from, to, (m) => {
            if (m.key?.includes(needle)) hits.push(m);
            return true;
          });
          found.unshift(...hits);
          to = from;
        }
        messages.push(...found.slice(-query.limit));
        continue;
      }
      let from: number;
      if (query.mode === "offset") from = Math.max(range.earliest, query.offset ?? range.earliest);
      else if (query.mode === "timestamp") {
        const at = byTime?.get(partition);
        from = at === undefined || at < 0 ? range.end : at;
      } else from = Math.max(range.earliest, range.end - query.limit);
      scanned += await this.read(query.topic, partition, from, range.end, (m) => {
        found.push(m);
        return found.length < query.limit;
      });
      messages.push(...found);
    }
    messages.sort(
      (a, b) => b.timestamp.localeCompare(a.timestamp) || a.partition - b.partition || b.offset - a.offset,
    );
    return { topic: query.topic, messages, scanned };
  }
}
