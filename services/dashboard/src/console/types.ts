/** JSON shapes of the topic console's HTTP API (the console page reads them). */

export interface PartitionOffsets {
  partition: number;
  leader: number;
  /** Earliest offset still held (log start). */
  earliest: number;
  /** End offset (high watermark): the next record's offset. */
  end: number;
  messages: number;
}

export interface TopicSummary {
  name: string;
  internal: boolean;
  partitions: PartitionOffsets[];
  messages: number;
  /** Records/s appended over the last sampling window (null until two samples exist). */
  recordsPerSecond: number | null;
}

export interface TopicsAnswer {
  bootstrap: string;
  brokers: Array<{ nodeId: number; host: string; port: number }>;
  topics: TopicSummary[];
  checkedAt: string;
}

export interface PartitionLag {
  topic: string;
  partition: number;
  /** Committed (consumer group) or processed (Spark checkpoint) offset: the next record to read. */
  position: number;
  end: number;
  lag: number;
}

export interface ConsumerSummary {
  /** Group id, or the Spark query's name. */
  name: string;
  kind: "consumer-group" | "spark-query";
  /** Group state, or the checkpoint batch the positions come from. */
  state: string;
  members: number;
  partitions: PartitionLag[];
  totalLag: number;
  /** Where the positions come from (the checkpoint folder, for Spark queries). */
  source: string;
}

export interface GroupsAnswer {
  consumers: ConsumerSummary[];
  /** Problems that did not stop the answer (an unreadable checkpoint, an s3a:// root). */
  notes: string[];
  checkedAt: string;
}

export interface BrowsedMessage {
  partition: number;
  offset: number;
  timestamp: string;
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
}

export type BrowseMode = "latest" | "offset" | "timestamp";

export interface MessagesAnswer {
  topic: string;
  messages: BrowsedMessage[];
  /** Records read to answer (a key search reads up to its scan limit per partition). */
  scanned: number;
}
