import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { benchGenerator, defaultOptions, type GeneratorBench, RecordGenerator } from "@ecomstream/generator";
import type { EcomConfig } from "@ecomstream/runtime";
import { ensureTopic, withKafkaAdmin } from "../components/kafka.js";
import { javaBinary } from "../install/java.js";
import { statePaths } from "../state.js";
import { ui } from "../ui.js";

const execFileAsync = promisify(execFile);

/**
 * Kafka's own ProducerPerformance on the same broker: records/s and the line it printed. It sends
 * values drawn from a file (one a line) or random letters of a size, with the generator's producer
 * settings.
 */
async function producerPerformance(
  config: EcomConfig,
  topic: string,
  records: number,
  payload: { file: string } | { size: number },
) {
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
      ...("file" in payload ? ["--payload-file", payload.file] : ["--record-size", String(payload.size)]),
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

/**
 * Writes a sample of the generator's record values (default options, one a line) for the tool to
 * send, so both sides send the same sizes and compress alike; returns mean value and key bytes.
 */
async function writePayloadSample(path: string, sample = 20_000) {
  const generator = new RecordGenerator({ ...defaultOptions(), seed: 1 }, Date.now());
  const values: string[] = [];
  let valueBytes = 0;
  let keyBytes = 0;
  for (let i = 0; i < sample; i++) {
    const r = generator.next();
    valueBytes += Buffer.byteLength(r.value);
    keyBytes += Buffer.byteLength(r.key);
    if (!r.value.includes("\n") && r.value.length > 0) values.push(r.value);
  }
  await writeFile(path, values.join("\n"));
  return { valueBytes: Math.round(valueBytes / sample), keyBytes: Math.round(keyBytes / sample) };
}

interface Round {
  gen: GeneratorBench;
  /** The tool sending the generator's values (same content, same compression). */
  tool: { rate: number; summary: string };
  /** The tool sending random letters of the same mean size (hardly compressible). */
  toolRandom: { rate: number; summary: string };
  ratio: number;
  ratioRandom: number;
}

type Payloads = { file: string; size: number };

async function runRound(config: EcomConfig, count: number, payloads: Payloads, toolFirst: boolean) {
  const suffix = Date.now().toString(36);
  const topics = ["generator", "tool", "tool-random"].map((t) => `ecom.bench.${t}.${suffix}`) as [
    string,
    string,
    string,
  ];
  for (const topic of topics) await ensureTopic(config.kafka.bootstrap, topic, config.topic.partitions);
  try {
    const generator = () =>
      benchGenerator({ count, topic: topics[0], bootstrap: config.kafka.bootstrap, seed: 1 });
    const tools = async () => ({
      tool: await producerPerformance(config, topics[1], count, { file: payloads.file }),
      toolRandom: await producerPerformance(config, topics[2], count, { size: payloads.size }),
    });
    let gen: GeneratorBench;
    let t: Awaited<ReturnType<typeof tools>>;
    if (toolFirst) {
      t = await tools();
      gen = await generator();
    } else {
      gen = await generator();
      t = await tools();
    }
    return {
      gen,
      ...t,
      ratio: gen.eventsPerSecond / t.tool.rate,
      ratioRandom: gen.eventsPerSecond / t.toolRandom.rate,
    } satisfies Round;
  } finally {
    await withKafkaAdmin(config.kafka.bootstrap, (admin) => admin.deleteTopics({ topics })).catch(
      () => undefined,
    );
  }
}

const fmt = (n: number) => Math.round(n).toLocaleString("en");
const range = (values: number[]) =>
  `${Math.min(...values).toFixed(3)} .. ${Math.max(...values).toFixed(3)} (${values.map((v) => v.toFixed(3)).join(" ")})`;

/**
 * Sustained acknowledged events/s of the generator, next to Kafka's ProducerPerformance on the
 * same broker, as a ratio. All send `count` records to topics of ECOM_TOPIC_PARTITIONS partitions
 * with acks=all, idempotence and lz4. The tool runs twice: with values sampled from the generator
 * (same sizes, same compression: the ratio that decides) and, as the issue first measured it, with
 * random letters of the same mean size. The tool cannot set keys (the generator's records carry a
 * session-id key on top) and uses its own batching (linger 5 ms, 256 KiB batches, up to 5 requests
 * in flight); the generator sends 5,000-record produce requests one at a time. The machine is
 * shared, so generator and tool alternate over `rounds` rounds (generator first, then tools first,
 * …): each round's ratio compares runs seconds apart, and the median round decides.
 */
export async function benchGeneratorCommand(
  config: EcomConfig,
  count = 300_000,
  rounds = 3,
): Promise<number> {
  const dir = await mkdtemp(join(tmpdir(), "ecom-bench-generator-"));
  try {
    const file = join(dir, "payloads.txt");
    const sizes = await writePayloadSample(file);
    ui.step(
      `${rounds} rounds of ${fmt(count)} records each (values ~${sizes.valueBytes} bytes, generator keys ${sizes.keyBytes} bytes)…`,
    );
    const results: Round[] = [];
    for (let i = 0; i < rounds; i++) {
      const round = await runRound(config, count, { file, size: sizes.valueBytes }, i % 2 === 1);
      results.push(round);
      ui.step(
        `round ${i + 1}: generator ${fmt(round.gen.eventsPerSecond)}/s, tool ${fmt(round.tool.rate)}/s ` +
          `(random letters ${fmt(round.toolRandom.rate)}/s), ratio ${round.ratio.toFixed(3)} (${round.ratioRandom.toFixed(3)})`,
      );
    }
    const median = [...results].sort((a, b) => a.ratio - b.ratio)[Math.floor(results.length / 2)] as Round;
    ui.out(
      ui.table(
        ["measure (median round by ratio)", "value"],
        [
          ["generator events/s (acknowledged)", fmt(median.gen.eventsPerSecond)],
          ["ProducerPerformance records/s, generator's values", fmt(median.tool.rate)],
          ["ProducerPerformance records/s, random letters", fmt(median.toolRandom.rate)],
          ["generator / tool (generator's values)", median.ratio.toFixed(3)],
          ["generator / tool (random letters)", median.ratioRandom.toFixed(3)],
          ["ratio range over rounds (generator's values)", range(results.map((r) => r.ratio))],
          ["ratio range over rounds (random letters)", range(results.map((r) => r.ratioRandom))],
          ["generator CPU cores", median.gen.cpuCores.toFixed(2)],
          ["generator CPU µs per record", ((median.gen.cpuSeconds * 1e6) / median.gen.records).toFixed(1)],
          [
            "generator max RSS MB (whole process)",
            Math.max(...results.map((r) => r.gen.maxRssMb)).toFixed(0),
          ],
          ["target", ">= 100k events/s or >= 0.5 of the tool (generator's values), whichever is lower"],
        ],
      ),
    );
    ui.out(`tool, generator's values: ${median.tool.summary}`);
    ui.out(`tool, random letters:     ${median.toolRandom.summary}`);
    const target = Math.min(100_000, 0.5 * median.tool.rate);
    return median.gen.eventsPerSecond >= target ? 0 : 1;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
