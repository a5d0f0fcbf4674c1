import { spawn } from "node:child_process";
import { join } from "node:path";
import { configAsEnv, type EcomConfig, loadConfig, repoRoot } from "@ecomstream/runtime";
import { Admin, Consumer, MessagesStreamModes } from "@platformatic/kafka";

/** Test helpers of gold-writer on the real broker (topics are testkit's): end offsets, every record, the generator. */

const brokers = () => loadConfig().kafka.bootstrap.split(",");

/** Records in `topic` (sum of its partitions' end offsets; the test topics start at offset 0). */
export async function recordCount(topic: string): Promise<number> {
  const admin = new Admin({ clientId: "gold-writer-test", bootstrapBrokers: brokers() });
  try {
    const metadata = await admin.metadata({ topics: [topic] });
    const count = metadata.topics.get(topic)?.partitionsCount ?? 0;
    const [listed] = await admin.listOffsets({
      topics: [
        {
          name: topic,
          partitions: Array.from({ length: count }, (_, partitionIndex) => ({
            partitionIndex,
            timestamp: -1n,
          })),
        },
      ],
    });
    return (listed?.partitions ?? []).reduce((sum, p) => sum + Number(p.offset), 0);
  } finally {
    await admin.close();
  }
}

export interface RawRecord {
  key: Buffer | null;
  value: Buffer | null;
  partition: number;
  offset: bigint;
  timestampMs: number;
}

/** Every record of `topic` from the beginning, as bytes (fails after 60 s short of `count`). */
export async function readAll(topic: string, count: number): Promise<RawRecord[]> {
  const consumer = new Consumer({
    groupId: `gold-writer-test-${Date.now()}-${Math.random().toString(36).slice(2)}`,
    clientId: "gold-writer-test",
    bootstrapBrokers: brokers(),
  });
  const records: RawRecord[] = [];
  try {
    const stream = await consumer.consume({
      topics: [topic],
      mode: MessagesStreamModes.EARLIEST,
      autocommit: false,
    });
    const timer = setTimeout(() => void stream.close(), 60_000);
    for await (const message of stream) {
      records.push({
        key: (message.key as Buffer | undefined) ?? null,
        value: (message.value as Buffer | undefined) ?? null,
        partition: message.partition,
        offset: message.offset,
        timestampMs: Number(message.timestamp),
      });
      if (records.length >= count) break;
    }
    clearTimeout(timer);
  } finally {
    await consumer.close(true);
  }
  if (records.length < count) throw new Error(`read ${records.length} of ${count} records of ${topic}`);
  return records;
}

/** Runs the seeded generator (its own process, as in production) against `config`'s raw topic. */
export function generate(config: EcomConfig, args: readonly string[]): Promise<void> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", join(repoRoot(), "services/generator/src/main.ts"), "--no-progress", ...args],
    {
      cwd: repoRoot(),
      stdio: ["ignore", "ignore", "pipe"],
      env: { ...process.env, ...Object.fromEntries(configAsEnv(config)) },
    },
  );
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-2000);
  });
  return new Promise((resolve, reject) =>
    child.on("close", (code) =>
      code === 0 ? resolve() : reject(new Error(`generator exited ${code}: ${stderr.trim()}`)),
    ),
  );
}
