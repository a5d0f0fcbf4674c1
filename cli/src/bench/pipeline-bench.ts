import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { bronzeQueryName, bronzeStage } from "@ecomstream/bronze-writer";
import { goldStage, provisionalQueryName } from "@ecomstream/gold-writer";
import {
  configAsEnv,
  createLogger,
  type EcomConfig,
  EcomError,
  errorCodes,
  repoRoot,
} from "@ecomstream/runtime";
import { quarantineQueryName, silverQueryName, silverStage } from "@ecomstream/silver-writer";
import { SparkSession } from "@ecomstream/spark-connect";
import { Stage } from "@ecomstream/stage";
import { ensureTopic, withKafkaAdmin } from "../components/kafka.js";
import { sparkHostPort } from "../components/spark.js";
import { ui } from "../ui.js";
import { type ApiFreshness, ApiFreshnessPoller } from "./api-freshness.js";
import { bareKafkaToDelta } from "./bare-query.js";
import { type BatchJobCost, batchJobCosts, fetchSparkJobs } from "./delta-batch-cost.js";
import { type StepResult, StepSampler } from "./pipeline-sampler.js";
import { keepPipelineRun, printProfiles } from "./profile-results.js";
import { ServingServices } from "./serving-services.js";
import { fixed } from "./stats.js";

/** A step's pipeline figures and how fresh the API's newest minute was meanwhile. */
type BenchStep = StepResult & { api: ApiFreshness; jobCosts: BatchJobCost[] | undefined };

/** The queries whose batches' Spark jobs the report splits (Delta's state rebuild vs the batch's work). */
const costedQueries = [bronzeQueryName, silverQueryName, quarantineQueryName, provisionalQueryName];

export interface PipelineBenchOptions {
  /** Generator rates (events/s) tried in order until one is not sustained. */
  rates: number[];
  stepSeconds: number;
  /** Records produced once for the bare Spark query (the engine's ceiling). */
  baselineRecords: number;
  /** Run every rate even after one is not sustained (a busy machine can miss the low ones). */
  allRates: boolean;
}

export const defaultPipelineBench: PipelineBenchOptions = {
  rates: [1000, 2500, 5000, 10_000, 20_000],
  stepSeconds: 45,
  baselineRecords: 200_000,
  allRates: false,
};

/** `--rates 1000,5000 --step-seconds 30 --baseline-records 100000 --all-rates` over the defaults. */
export function parsePipelineBenchArgs(args: readonly string[]): PipelineBenchOptions {
  const options = { ...defaultPipelineBench };
  for (let i = 0; i < args.length; i += 2) {
    const [flag, value] = [args[i], args[i + 1] ?? ""];
    if (flag === "--all-rates") {
      options.allRates = true;
      i -= 1;
      continue;
    }
    const positive = (text: string) => {
      const n = Number(text);
      if (!Number.isInteger(n) || n <= 0)
        throw new EcomError(errorCodes.usage, `${flag} needs positive integers, got "${value}"`, {
          fix: "e.g. ./ecom bench pipeline --rates 1000,5000 --step-seconds 30",
        });
      return n;
    };
    if (flag === "--rates") options.rates = value.split(",").map(positive);
    else if (flag === "--step-seconds") options.stepSeconds = positive(value);
    else if (flag === "--baseline-records") options.baselineRecords = positive(value);
    else
      throw new EcomError(errorCodes.usage, `unknown option ${flag} for bench pipeline`, {
        fix: "options: --rates R1,R2,… --step-seconds S --baseline-records N --all-rates",
      });
  }
  return options;
}

/** The platform's settings with a private topic, lake, checkpoints and state for one bench run. */
export function benchConfig(config: EcomConfig, suffix: string): EcomConfig {
  const under = (uri: string) => `${uri.replace(/\/+$/, "")}/_bench/pipeline-${suffix}`;
  return {
    ...config,
    home: join(config.home, "bench", `pipeline-${suffix}`),
    topic: { ...config.topic, name: `ecom.bench.pipeline.${suffix}`, kpiName: `ecom.bench.kpi.${suffix}` },
    lake: { uri: under(config.lake.uri) },
    checkpoints: { uri: under(config.checkpoints.uri) },
  };
}

/**
 * Removes a bench run's private lake and checkpoints (local ones; a bucket's prefix stays) and its
 * home. A stopped query's last tasks may still be writing files: retried, and a failure is only
 * reported, so the bench's figures are never lost to it.
 */
export function removeBenchFiles(bench: EcomConfig): void {
  const remove = (path: string) => {
    try {
      rmSync(path, { recursive: true, force: true, maxRetries: 10, retryDelay: 500 });
    } catch (error) {
      ui.step(`could not remove ${path}: ${(error as Error).message}`);
    }
  };
  for (const uri of [bench.lake.uri, bench.checkpoints.uri])
    if (uri.startsWith("file:")) remove(fileURLToPath(uri));
  remove(bench.home);
}

/** Runs the generator as its own process (as in production) against the bench topic. */
export function generate(config: EcomConfig, args: string[]): Promise<void> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", join(repoRoot(), "services/generator/src/main.ts"), "--no-progress", ...args],
    {
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

/**
 * `./ecom bench pipeline`: the bronze, silver and gold stages on a private topic and lake, with the
 * loader and the API serving the provisional stream from a database of their own, fed by the
 * generator at increasing rates; reports the highest rate sustained with bounded lag, per-stage batch
 * latency and freshness up to the API, next to a bare Spark Kafka -> Delta query on the same broker
 * and server.
 */
export async function benchPipelineCommand(config: EcomConfig, args: readonly string[]): Promise<number> {
  const options = parsePipelineBenchArgs(args);
  const suffix = Date.now().toString(36);
  const bench = benchConfig(config, suffix);
  const baselineTopic = `ecom.bench.bare.${suffix}`;
  for (const topic of [bench.topic.name, bench.topic.kpiName, baselineTopic])
    await ensureTopic(config.kafka.bootstrap, topic, config.topic.partitions);

  ui.step(
    `bare query: ${options.baselineRecords.toLocaleString("en")} generated records to ${baselineTopic}…`,
  );
  await generate({ ...bench, topic: { ...bench.topic, name: baselineTopic } }, [
    "--count",
    String(options.baselineRecords),
    "--rate",
    "max",
  ]);
  const session = await SparkSession.connect(config.spark.remote);
  let bare: Awaited<ReturnType<typeof bareKafkaToDelta>>;
  try {
    bare = await bareKafkaToDelta(session, bench, baselineTopic);
  } finally {
    await session.close();
  }
  ui.step(`bare Spark Kafka -> Delta: ${fixed(bare.rowsPerSecond)} rows/s over ${bare.rows} rows`);

  const logger = createLogger("bench-pipeline");
  logger.level = "warn";
  const stages = [bronzeStage, silverStage, goldStage].map(
    (definition) => new Stage(definition, bench, logger),
  );
  const steps: BenchStep[] = [];
  let serving: ServingServices | undefined;
  try {
    for (const stage of stages) await stage.start({ serve: false });
    ui.step("loader and API on a database of their own…");
    serving = await ServingServices.start(bench);
    for (const rate of options.rates) {
      ui.step(`pipeline at ${rate.toLocaleString("en")} events/s for ${options.stepSeconds} s…`);
      const sampler = new StepSampler(bench, stages, rate);
      const stepStart = Date.now();
      const poller = new ApiFreshnessPoller(serving.apiUrl);
      sampler.start();
      poller.start(Date.now());
      let api: ApiFreshness;
      try {
        // --flat: the rate asked for at any hour (the generator's default follows the time of day)
        await generate(bench, ["--flat", "--rate", String(rate), "--duration", String(options.stepSeconds)]);
      } finally {
        api = await poller.stop();
      }
      const result = await sampler.finish(options.stepSeconds);
      const jobs = await fetchSparkJobs(sparkUiUrl(config));
      const jobCosts = jobs && batchJobCosts(jobs, costedQueries, stepStart);
      const step: BenchStep = { ...result, api, jobCosts };
      steps.push(step);
      ui.step(
        `  ${step.sustained ? "sustained" : "not sustained"}: produced ${fixed(step.producedPerSecond)}/s, ` +
          `bronze caught up ${fixed(step.catchUpSeconds, 1)} s after it, silver freshness p95 ${fixed(step.silverFreshnessP95Ms)} ms, ` +
          `API freshness p95 ${fixed(step.api.p95Ms)} ms (${step.api.samples} polls` +
          `${step.api.failures > 0 ? `, ${step.api.failures} failed` : ""})`,
      );
      if (!step.sustained && !options.allRates) break;
    }
  } finally {
    await serving?.stop().catch((error: unknown) => {
      ui.step(`could not stop the bench's loader and API: ${(error as Error).message}`);
    });
    for (const stage of stages.reverse()) await stage.stop({ stopQueries: true }).catch(() => undefined);
    removeBenchFiles(bench);
    await withKafkaAdmin(config.kafka.bootstrap, (admin) =>
      admin.deleteTopics({ topics: [bench.topic.name, bench.topic.kpiName, baselineTopic] }),
    ).catch(() => undefined);
  }
  printReport(steps, bare.rowsPerSecond);
  printPhases(steps.find((s) => s.rate === 5000) ?? steps.at(-1));
  const at5k = steps.find((s) => s.rate === 5000);
  printProfiles(
    keepPipelineRun({
      profile: config.profile,
      bareRowsPerSecond: bare.rowsPerSecond,
      sustainedEventsPerSecond: Math.max(
        0,
        ...steps.filter((s) => s.sustained).map((s) => s.producedPerSecond),
      ),
      provisionalP95At5kMs: at5k ? at5k.goldFreshnessP95Ms : null,
      apiP95At5kMs: at5k ? at5k.api.p95Ms : null,
    }),
  );
  return 0;
}

/** The Spark server's web UI (port 4040 on the server's host), where its jobs are listed. */
function sparkUiUrl(config: EcomConfig): string {
  return `http://${sparkHostPort(config.spark.remote).host}:4040`;
}

/** What a Delta commit costs per batch: the batch's Spark jobs split into Delta's state rebuild, Delta's other jobs and the work. */
function printJobCosts(step: BenchStep): void {
  if (!step.jobCosts) {
    ui.out(
      "Delta's share of a batch: not measured (the Spark server's web UI on port 4040 is not reachable)",
    );
    return;
  }
  ui.out(
    ui.table(
      [
        `Spark jobs per batch at ${step.rate.toLocaleString("en")}/s, p50 ms`,
        "batches",
        "Delta state rebuild",
        "Delta other",
        "read + write files",
      ],
      step.jobCosts.map((c) => [
        c.query,
        String(c.batches),
        fixed(c.snapshotMs),
        fixed(c.otherDeltaMs),
        fixed(c.workMs),
      ]),
    ),
  );
  ui.out(
    "Delta state rebuild: each batch of a Delta streaming sink reconstructs the table's snapshot state (Spark jobs over the log) to read its idempotence marker (the query's last committed batch)",
  );
}

/** Where one step's batch time went, per query: Spark's own split of a micro-batch (p50 ms). */
function printPhases(step: BenchStep | undefined): void {
  if (!step) return;
  printJobCosts(step);
  const parts = [
    "triggerExecution",
    "latestOffset",
    "queryPlanning",
    "getBatch",
    "addBatch",
    "walCommit",
    "commitOffsets",
  ];
  ui.out(
    ui.table(
      [`batch parts at ${step.rate.toLocaleString("en")}/s, p50 ms`, ...parts],
      Object.entries(step.phases).map(([query, p]) => [
        query,
        ...parts.map((part) => (part in p ? fixed(p[part] ?? 0) : "-")),
      ]),
    ),
  );
}

function printReport(steps: BenchStep[], bareRate: number): void {
  const ms = (value: number) => fixed(value);
  ui.out(
    ui.table(
      [
        "rate/s",
        "produced/s",
        "sustained",
        "lag at stop",
        "catch-up s",
        "bronze batch p50/p95 ms",
        "silver batch p50/p95 ms",
        "gold batch p50/p95 ms",
        "-> bronze p95 ms",
        "-> silver p50/p95 ms",
        "-> gold prov. p50/p95 ms",
        "-> API p50/p95 ms",
      ],
      steps.map((s) => [
        s.rate.toLocaleString("en"),
        fixed(s.producedPerSecond),
        s.sustained ? "yes" : "no",
        String(s.endLag),
        fixed(s.catchUpSeconds, 1),
        `${ms(s.batchMs.bronze.p50)} / ${ms(s.batchMs.bronze.p95)}`,
        `${ms(s.batchMs.silver.p50)} / ${ms(s.batchMs.silver.p95)}`,
        `${ms(s.batchMs.gold.p50)} / ${ms(s.batchMs.gold.p95)}`,
        ms(s.bronzeFreshnessP95Ms),
        `${ms(s.silverFreshnessP50Ms)} / ${ms(s.silverFreshnessP95Ms)}`,
        `${ms(s.goldFreshnessP50Ms)} / ${ms(s.goldFreshnessP95Ms)}`,
        `${ms(s.api.p50Ms)} / ${ms(s.api.p95Ms)}`,
      ]),
    ),
  );
  const best = Math.max(0, ...steps.filter((s) => s.sustained).map((s) => s.producedPerSecond));
  const at5k = steps.find((s) => s.rate === 5000);
  ui.out(
    ui.table(
      ["measure", "value", "target"],
      [
        ["bare Spark Kafka -> Delta rows/s (same run)", fixed(bareRate), "the engine's ceiling here"],
        ["highest sustained pipeline events/s", fixed(best), ""],
        ["sustained / bare", bareRate > 0 ? (best / bareRate).toFixed(3) : "-", ">= 0.5"],
        [
          "provisional freshness p95 at 5k/s (ms)",
          at5k ? ms(at5k.goldFreshnessP95Ms) : "not reached",
          "<= 10,000",
        ],
        ["API freshness p95 at 5k/s (ms)", at5k ? ms(at5k.api.p95Ms) : "not reached", "<= 10,000"],
      ],
    ),
  );
  ui.out(
    "freshness: end of the batch that wrote a record minus its produce time (bronze, silver) or its event time (gold)",
  );
  ui.out(
    "API freshness: polls of GET /v1/kpis/latest every 250 ms while the generator runs, each the answer's time minus minute.max_event_ts (the age of the newest event a client sees; events of the step only)",
  );
  ui.out(
    "sustained: the generator reached 90% of the rate, bronze read all of it <= 15 s after it stopped, silver freshness p95 <= 30 s",
  );
}
