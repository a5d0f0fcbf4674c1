import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { benchGenerator, defaultOptions, RecordGenerator } from "@ecomstream/generator";
import type { EcomConfig } from "@ecomstream/runtime";
import { ensureTopic, withKafkaAdmin } from "../components/kafka.js";
import { javaBinary } from "../install/java.js";
import { statePaths } from "../state.js";
import { ui } from "../ui.js";

const execFileAsync = promisify(execFile);

/** Kafka's own ProducerPerformance on the same broker: records/s and the line it printed. */
async function producerPerformance(config: EcomConfig, topic: string, records: number, recordSize: number) {
  const lib = statePaths(config).mavenLib("kafka");
  const { stdout } = await execFileAsync(
    javaBinary(),
    [
      "-cp",
      `${lib}/*`,
      "org.apache.kafka.tools.ProducerPerformance",
      "--topic",
      topic,
      "--num-records",
      String(records),
      "--record-size",
      String(recordSize),
      "--throughput",
      "-1",
      "--producer-props",
      `bootstrap.servers=${config.kafka.bootstrap}`,
      "acks=all",
      "enable.idempotence=true",
      "compression.type=lz4",
      "linger.ms=5",
      "batch.size=262144",
    ],
    { maxBuffer: 64 * 1024 * 1024 },
  );
  const summary = stdout.trim().split("\n").pop() ?? "";
  const rate = Number(/([\d.]+) records\/sec/.exec(summary)?.[1] ?? Number.NaN);
  return { rate, summary };
}

/** Mean value size (bytes) of the generator's records with default options, from a sample. */
function meanRecordSize(sample = 20_000): number {
  const generator = new RecordGenerator({ ...defaultOptions(), seed: 1 }, Date.now());
  let bytes = 0;
  for (let i = 0; i < sample; i++) bytes += Buffer.byteLength(generator.next().value);
  return Math.round(bytes / sample);
}

/**
 * Sustained acknowledged events/s of the generator, next to Kafka's ProducerPerformance on the same
 * broker in the same run (same record count and mean size, acks=all, idempotent, lz4), as a ratio.
 */
export async function benchGeneratorCommand(config: EcomConfig, count = 300_000): Promise<number> {
  const suffix = Date.now().toString(36);
  const genTopic = `ecom.bench.generator.${suffix}`;
  const toolTopic = `ecom.bench.tool.${suffix}`;
  for (const topic of [genTopic, toolTopic])
    await ensureTopic(config.kafka.bootstrap, topic, config.topic.partitions);
  try {
    ui.step(`generator: ${count.toLocaleString("en")} records to ${genTopic}…`);
    const gen = await benchGenerator({ count, topic: genTopic, bootstrap: config.kafka.bootstrap, seed: 1 });
    const recordSize = meanRecordSize();
    ui.step(
      `Kafka ProducerPerformance: ${count.toLocaleString("en")} records of ${recordSize} bytes to ${toolTopic}…`,
    );
    const tool = await producerPerformance(config, toolTopic, count, recordSize);
    ui.out(
      ui.table(
        ["measure", "value"],
        [
          ["generator events/s (acknowledged)", Math.round(gen.eventsPerSecond).toLocaleString("en")],
          ["ProducerPerformance records/s", Math.round(tool.rate).toLocaleString("en")],
          ["generator / tool", (gen.eventsPerSecond / tool.rate).toFixed(3)],
          ["generator CPU cores", gen.cpuCores.toFixed(2)],
          ["generator max RSS MB", gen.maxRssMb.toFixed(0)],
          ["target", ">= 100k events/s or >= 0.5 of the tool, whichever is lower"],
        ],
      ),
    );
    ui.out(`tool: ${tool.summary}`);
    const target = Math.min(100_000, 0.5 * tool.rate);
    return gen.eventsPerSecond >= target ? 0 : 1;
  } finally {
    await withKafkaAdmin(config.kafka.bootstrap, (admin) =>
      admin.deleteTopics({ topics: [genTopic, toolTopic] }),
    ).catch(() => undefined);
  }
}
