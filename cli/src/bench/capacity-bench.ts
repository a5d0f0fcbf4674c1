import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { bronzeQueryName, bronzeStage } from "@ecomstream/bronze-writer";
import { goldStage } from "@ecomstream/gold-writer";
import { reconcile } from "@ecomstream/reconcile";
import { createLogger, type EcomConfig } from "@ecomstream/runtime";
import { silverStage } from "@ecomstream/silver-writer";
import { SparkSession } from "@ecomstream/spark-connect";
import { Stage } from "@ecomstream/stage";
import { ensureTopic, withKafkaAdmin } from "../components/kafka.js";
import { ui } from "../ui.js";
import { bareKafkaToDelta } from "./bare-query.js";
import { benchConfig, generate, removeBenchFiles } from "./pipeline-bench.js";
import { componentPid, processCpuMicros } from "./process-cpu.js";
import { benchResultsDir } from "./profile-results.js";
import { ServingServices } from "./serving-services.js";
import { fixed, recordsOption, sumKafkaOffsets } from "./stats.js";

/** One run of an arm over the backlog. */
interface ArmRun {
  arm: "bare" | "pipeline";
  seconds: number;
  recordsPerSecond: number;
  /** CPU µs per record of the Spark server's JVM and of the broker (embedded runtime only). */
  sparkCpuMicros: number | undefined;
  brokerCpuMicros: number | undefined;
}

export interface CapacityResult {
  records: number;
  pipeline: number;
  bare: number;
  ratio: number;
  runs: ArmRun[];
}

/** Most time one pipeline run may take to balance the books. */
const pipelineDeadlineMs = 45 * 60_000;

/** A private lake and checkpoints for one run, reading the shared backlog topic. */
function runConfig(config: EcomConfig, topic: string, run: string): EcomConfig {
  const bench = benchConfig(config, `capacity-${run}`);
  return { ...bench, topic: { ...bench.topic, name: topic } };
}

/** Measures `work`'s wall time and the Spark server's and the broker's CPU over it. */
async function measured(config: EcomConfig, records: number, arm: ArmRun["arm"], work: () => Promise<void>) {
  const spark = componentPid(config.home, "spark-connect");
  const broker = componentPid(config.home, "kafka");
  const cpu = () => [processCpuMicros(spark), processCpuMicros(broker)];
  const [sparkBefore, brokerBefore] = cpu();
  const started = Date.now();
  await work();
  const seconds = (Date.now() - started) / 1000;
  const [sparkAfter, brokerAfter] = cpu();
  const perRecord = (before?: number, after?: number) =>
    before === undefined || after === undefined ? undefined : (after - before) / records;
  return {
    arm,
    seconds,
    recordsPerSecond: records / seconds,
    sparkCpuMicros: perRecord(sparkBefore, sparkAfter),
    brokerCpuMicros: perRecord(brokerBefore, brokerAfter),
  };
}

/**
 * The whole pipeline from empty checkpoints over the backlog (bronze, silver, quarantine,
 * provisional KPIs, gold's restatement, the loader and the API), until reconcile's checks of the
 * private lake all pass: bronze has read every record, the queries are idle, and the books balance.
 */
async function runPipeline(config: EcomConfig, bench: EcomConfig, records: number): Promise<void> {
  const logger = createLogger("bench-capacity");
  logger.level = "warn";
  const stages = [bronzeStage, silverStage, goldStage].map((d) => new Stage(d, bench, logger));
  const session = await SparkSession.connect(config.spark.remote);
  let serving: ServingServices | undefined;
  await ensureTopic(config.kafka.bootstrap, bench.topic.kpiName, config.topic.partitions);
  try {
    for (const stage of stages) await stage.start({ serve: false });
    serving = await ServingServices.start(bench);
    const started = Date.now();
    const deadline = started + pipelineDeadlineMs;
    let idleLooks = 0;
    for (;;) {
      if (Date.now() > deadline)
        throw new Error(
          `the pipeline did not balance ${records} records within ${pipelineDeadlineMs / 60_000} minutes`,
        );
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const queries = stages.flatMap((s) => s.queries());
      const bronze = queries.find((q) => q.name === bronzeQueryName);
      const read = sumKafkaOffsets(bronze?.lastProgress?.sources[0]?.endOffset) ?? 0;
      const idle = queries.every((q) => q.lastProgress?.numInputRows === 0);
      idleLooks = read >= records && idle ? idleLooks + 1 : 0;
      if (idleLooks < 2) continue;
      const report = await reconcile(session, bench);
      const open = report.checks.filter((c) => !c.ok).map((c) => c.check);
      if (open.length === 0) return;
      ui.step(`  not balanced yet (${Math.round((Date.now() - started) / 1000)} s): ${open.join(", ")}`);
      idleLooks = 0;
    }
  } finally {
    await serving?.stop().catch(() => undefined);
    for (const stage of stages.reverse()) await stage.stop({ stopQueries: true }).catch(() => undefined);
    await session.close();
  }
}

/**
 * `./ecom bench capacity [--records N]`: N records of the default mix produced once into a private
 * topic, then consumed on the same warmed-up Spark server by (a) the bare Kafka -> Delta query and
 * (b) the whole pipeline from empty checkpoints until the books balance, alternating a-b-a-b.
 * Capacity = N / time; the best run of each arm counts. Kept in `.ecom/bench/capacity.json`.
 */
export async function benchCapacityCommand(config: EcomConfig, args: readonly string[]): Promise<number> {
  const records = recordsOption(args, 2_000_000, "capacity");
  const suffix = Date.now().toString(36);
  const topic = `ecom.bench.capacity.${suffix}`;
  await ensureTopic(config.kafka.bootstrap, topic, config.topic.partitions);
  const runs: ArmRun[] = [];
  try {
    ui.step(`${records.toLocaleString("en")} records of the default mix to ${topic}…`);
    await generate(runConfig(config, topic, `${suffix}-gen`), ["--count", String(records), "--rate", "max"]);
    const session = await SparkSession.connect(config.spark.remote);
    try {
      for (let round = 1; round <= 2; round++) {
        const bareRun = runConfig(config, topic, `${suffix}-bare${round}`);
        try {
          runs.push(
            await measured(config, records, "bare", async () => {
              await bareKafkaToDelta(session, bareRun, topic);
            }),
          );
        } finally {
          removeBenchFiles(bareRun);
        }
        ui.step(`round ${round}: bare ${fixed(runs.at(-1)?.recordsPerSecond ?? 0)} records/s`);
        const pipelineRun = runConfig(config, topic, `${suffix}-pipeline${round}`);
        try {
          runs.push(
            await measured(config, records, "pipeline", () => runPipeline(config, pipelineRun, records)),
          );
        } finally {
          removeBenchFiles(pipelineRun);
          await withKafkaAdmin(config.kafka.bootstrap, (admin) =>
            admin.deleteTopics({ topics: [pipelineRun.topic.kpiName] }),
          ).catch(() => undefined);
        }
        ui.step(
          `round ${round}: pipeline ${fixed(runs.at(-1)?.recordsPerSecond ?? 0)} records/s (books balanced)`,
        );
      }
    } finally {
      await session.close();
    }
  } finally {
    await withKafkaAdmin(config.kafka.bootstrap, (admin) => admin.deleteTopics({ topics: [topic] })).catch(
      () => undefined,
    );
  }
  const best = (arm: ArmRun["arm"]) =>
    Math.max(...runs.filter((r) => r.arm === arm).map((r) => r.recordsPerSecond));
  const result: CapacityResult = {
    records,
    pipeline: best("pipeline"),
    bare: best("bare"),
    ratio: best("pipeline") / best("bare"),
    runs,
  };
  mkdirSync(benchResultsDir(), { recursive: true });
  writeFileSync(join(benchResultsDir(), "capacity.json"), `${JSON.stringify(result, null, 2)}\n`);
  const micros = (value: number | undefined) => (value === undefined ? "-" : fixed(value, 1));
  ui.out(
    ui.table(
      ["run", "seconds", "records/s", "Spark CPU µs/record", "broker CPU µs/record"],
      runs.map((r, i) => [
        `${r.arm} ${Math.floor(i / 2) + 1}`,
        fixed(r.seconds, 1),
        fixed(r.recordsPerSecond),
        micros(r.sparkCpuMicros),
        micros(r.brokerCpuMicros),
      ]),
    ),
  );
  ui.out(
    `capacity: pipeline ${Math.round(result.pipeline)} records/s, bare ${Math.round(result.bare)} records/s, ratio ${result.ratio.toFixed(3)}`,
  );
  return 0;
}
