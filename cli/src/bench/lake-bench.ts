import { bronzeStage } from "@ecomstream/bronze-writer";
import { lakeStore, readTable, tableHealth } from "@ecomstream/lake";
import { lakeLayout, layerSpecs } from "@ecomstream/lake-model";
import { compactLake } from "@ecomstream/lake-ops";
import { reconcile } from "@ecomstream/reconcile";
import { createLogger, type EcomConfig, EcomError, errorCodes } from "@ecomstream/runtime";
import { silverQueryName, silverStage } from "@ecomstream/silver-writer";
import { SparkSession } from "@ecomstream/spark-connect";
import { Stage } from "@ecomstream/stage";
import { ensureTopic, withKafkaAdmin } from "../components/kafka.js";
import { ui } from "../ui.js";
import { benchConfig, generate, removeBenchFiles } from "./pipeline-bench.js";
import { fixed, percentile } from "./stats.js";

export interface LakeBenchOptions {
  minutes: number;
  /** Minutes of the arm without compaction (the baseline); 0 runs only the compacting arm. */
  baselineMinutes: number | undefined;
  rate: number;
  compactEverySeconds: number;
}

const defaults: LakeBenchOptions = {
  minutes: 10,
  baselineMinutes: undefined,
  rate: 500,
  compactEverySeconds: 60,
};

function parseArgs(args: readonly string[]): LakeBenchOptions {
  const options = { ...defaults };
  for (let i = 0; i < args.length; i += 2) {
    const [flag, value] = [args[i], Number(args[i + 1])];
    if (!Number.isInteger(value) || value < (flag === "--baseline-minutes" ? 0 : 1))
      throw new EcomError(errorCodes.usage, `${flag} needs a positive integer`, {
        fix: "e.g. ./ecom bench lake --minutes 8 --rate 500 --compact-every 60",
      });
    if (flag === "--minutes") options.minutes = value;
    else if (flag === "--baseline-minutes") options.baselineMinutes = value;
    else if (flag === "--rate") options.rate = value;
    else if (flag === "--compact-every") options.compactEverySeconds = value;
    else
      throw new EcomError(errorCodes.usage, `unknown option ${flag} for bench lake`, {
        fix: "options: --minutes M --baseline-minutes B (0: none) --rate R --compact-every S",
      });
  }
  return options;
}

interface Sample {
  atMs: number;
  ms: number;
}

interface ArmResult {
  name: string;
  batches: number;
  /** Silver micro-batches: whole batch, and finding bronze's new commits in its Delta log (latestOffset). */
  silverBatch: Sample[];
  silverListing: Sample[];
  /** A batch reader's pass over the last minute of bronze and silver (as the loader reads). */
  readerPass: Sample[];
  filesAtEnd: number;
  compactions: number;
  /** Reconcile's lake checks at the end (gold is not run here). */
  reconcile: string;
}

/** Waits until every query of the stages reports no new rows for 5 s in a row (at most 3 minutes). */
async function drained(stages: readonly Stage[]): Promise<void> {
  const deadline = Date.now() + 180_000;
  for (let idleSeconds = 0; idleSeconds < 5 && Date.now() < deadline; ) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const idle = stages.flatMap((s) => s.queries()).every((q) => q.lastProgress?.numInputRows === 0);
    idleSeconds = idle ? idleSeconds + 1 : 0;
  }
}

/** p50 of the samples in the first and the last fifth of the arm's time. */
function startEnd(samples: readonly Sample[], fromMs: number, toMs: number): { start: number; end: number } {
  const span = toMs - fromMs;
  const pick = (lo: number, hi: number) =>
    samples.filter((s) => s.atMs >= fromMs + lo * span && s.atMs <= fromMs + hi * span).map((s) => s.ms);
  return { start: percentile(pick(0, 0.2), 50), end: percentile(pick(0.8, 1), 50) };
}

async function runArm(
  config: EcomConfig,
  name: string,
  options: LakeBenchOptions,
  compact: boolean,
): Promise<ArmResult & { fromMs: number; toMs: number }> {
  const suffix = `${Date.now().toString(36)}-${compact ? "c" : "n"}`;
  const base = benchConfig(config, `lake-${suffix}`);
  const bench: EcomConfig = {
    ...base,
    // A short dedup window: silver's state then stops growing within minutes (with the default
    // hour it grows through a whole one-hour arm), so what still grows is the lake's files and logs.
    pipeline: {
      ...base.pipeline,
      bronzeTrigger: "1 second",
      silverTrigger: "1 second",
      dedupWindow: "5 minutes",
    },
  };
  await ensureTopic(config.kafka.bootstrap, bench.topic.name, config.topic.partitions);
  const logger = createLogger("bench-lake");
  logger.level = "warn";
  const stages = [bronzeStage, silverStage].map((definition) => new Stage(definition, bench, logger));
  const session = await SparkSession.connect(config.spark.remote);
  const store = lakeStore(bench);
  const specs = layerSpecs(lakeLayout(bench.lake.uri));
  const result: ArmResult = {
    name,
    batches: 0,
    silverBatch: [],
    silverListing: [],
    readerPass: [],
    filesAtEnd: 0,
    compactions: 0,
    reconcile: "not run",
  };
  const fromMs = Date.now();
  let toMs = fromMs;
  const seen = new Set<number>();
  const sampleBatches = () => {
    for (const state of stages.flatMap((s) => s.queries())) {
      const p = state.lastProgress;
      if (state.name !== silverQueryName || !p || seen.has(p.batchId)) continue;
      seen.add(p.batchId);
      const atMs = Date.now();
      if (p.durationMs?.triggerExecution !== undefined)
        result.silverBatch.push({ atMs, ms: p.durationMs.triggerExecution });
      if (p.durationMs?.latestOffset !== undefined)
        result.silverListing.push({ atMs, ms: p.durationMs.latestOffset });
    }
  };
  const timer = setInterval(sampleBatches, 500);
  try {
    for (const stage of stages) await stage.start({ serve: false });
    // the arm's compaction is the bench's own loop, not a lake-ops service
    const producing = generate(bench, [
      "--flat",
      "--rate",
      String(options.rate),
      "--duration",
      String(options.minutes * 60),
    ]);
    let done = false;
    void producing.finally(() => {
      done = true;
    });
    let nextCompaction = Date.now() + options.compactEverySeconds * 1000;
    let nextProbe = Date.now() + 15_000;
    while (!done) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      if (Date.now() >= nextProbe) {
        nextProbe = Date.now() + 15_000;
        const started = Date.now();
        const since = `kafka_timestamp >= timestamp_millis(${started - 60_000})`;
        for (const layer of ["bronze", "silver"] as const) {
          const { frame } = await readTable(session, store, specs[layer]);
          if (frame) await frame.filter(since).selectExpr("count(*) AS n").collect();
        }
        result.readerPass.push({ atMs: started, ms: Date.now() - started });
      }
      if (compact && Date.now() >= nextCompaction) {
        await compactLake(session, store, bench, {
          layers: ["bronze", "silver", "quarantine"],
          closedAfterMs: -3_600_000,
        });
        result.compactions += 1;
        nextCompaction = Date.now() + options.compactEverySeconds * 1000;
      }
    }
    await producing;
    toMs = Date.now();
    sampleBatches();
    result.batches = seen.size;
    for (const layer of ["bronze", "silver", "quarantine"] as const)
      result.filesAtEnd += (await tableHealth(session, store, specs[layer])).files;
    // Nothing lost or read twice: once the writers are idle, the lake holds the topic exactly.
    await drained(stages);
    const report = await reconcile(session, bench);
    const failed = report.checks.filter((c) => !c.ok && !c.check.startsWith("gold"));
    result.reconcile = failed.length
      ? failed.map((c) => `${c.check}: ${c.actual} for ${c.expected}`).join("; ")
      : `ok (${report.topic?.records ?? 0} records)`;
  } finally {
    clearInterval(timer);
    for (const stage of stages.reverse()) await stage.stop({ stopQueries: true }).catch(() => undefined);
    await session.close();
    removeBenchFiles(bench);
    await withKafkaAdmin(config.kafka.bootstrap, (admin) =>
      admin.deleteTopics({ topics: [bench.topic.name] }),
    ).catch(() => undefined);
  }
  return { ...result, fromMs, toMs };
}

/**
 * `./ecom bench lake`: the bronze and silver writers at a steady rate with fast triggers (many small
 * files and many Delta commits) and a 5-minute dedup window, once without compaction (the baseline)
 * and once with Delta's OPTIMIZE of the lake's tables every minute, in the same run. Reports, at the
 * start and the end of each arm, silver's batch time, the part of it spent finding bronze's new
 * commits (its Delta source's latestOffset), and a batch reader's pass over the last minute of both tables.
 */
export async function benchLakeCommand(config: EcomConfig, args: readonly string[]): Promise<number> {
  const options = parseArgs(args);
  const arms = [];
  const baselineMinutes = options.baselineMinutes ?? options.minutes;
  for (const [name, compact, minutes] of [
    ["without compaction", false, baselineMinutes],
    [`compaction every ${options.compactEverySeconds} s`, true, options.minutes],
  ] as const) {
    if (minutes === 0) continue;
    ui.step(`${name}: ${options.rate} events/s for ${minutes} min, 1 s triggers…`);
    arms.push(await runArm(config, name, { ...options, minutes }, compact));
  }
  const rows = arms.flatMap((arm) => {
    const row = (what: string, samples: Sample[]) => {
      const { start, end } = startEnd(samples, arm.fromMs, arm.toMs);
      return [
        arm.name,
        what,
        fixed(start),
        fixed(end),
        start > 0 && Number.isFinite(end) ? (end / start).toFixed(2) : "-",
      ];
    };
    return [
      row("silver batch ms", arm.silverBatch),
      row("silver new-commits ms", arm.silverListing),
      row("reader pass ms", arm.readerPass),
    ];
  });
  ui.out(ui.table(["arm", "measure", "start p50", "end p50", "end / start"], rows));
  ui.out(
    ui.table(
      [
        "arm",
        "silver batches",
        "compactions",
        "snapshot files at end (bronze+silver+quarantine)",
        "reconcile",
      ],
      arms.map((a) => [a.name, String(a.batches), String(a.compactions), String(a.filesAtEnd), a.reconcile]),
    ),
  );
  for (const arm of arms) {
    const tenths = (samples: readonly Sample[]) =>
      Array.from({ length: 10 }, (_, i) => {
        const span = arm.toMs - arm.fromMs;
        const lo = arm.fromMs + (i * span) / 10;
        const picked = samples.filter((x) => x.atMs >= lo && x.atMs < lo + span / 10).map((x) => x.ms);
        return fixed(percentile(picked, 50));
      });
    ui.out(
      ui.table(
        [`${arm.name}: p50 per tenth of the run`, ...Array.from({ length: 10 }, (_, i) => String(i + 1))],
        [
          ["silver batch ms", ...tenths(arm.silverBatch)],
          ["silver new-commits ms", ...tenths(arm.silverListing)],
          ["reader pass ms", ...tenths(arm.readerPass)],
        ],
      ),
    );
  }
  ui.out(
    "start / end: the first and the last fifth of each arm's run; both arms in this run, one after the other",
  );
  return 0;
}
