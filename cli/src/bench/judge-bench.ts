import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { bronzeSelect } from "@ecomstream/bronze-writer";
import { judgeBronze } from "@ecomstream/lake";
import type { EcomConfig } from "@ecomstream/runtime";
import { type DataFrame, SparkSession } from "@ecomstream/spark-connect";
import { ensureTopic, withKafkaAdmin } from "../components/kafka.js";
import { ui } from "../ui.js";
import { benchConfig, generate, removeBenchFiles } from "./pipeline-bench.js";
import { benchResultsDir } from "./profile-results.js";
import { fixed, percentile, recordsOption } from "./stats.js";

export interface JudgeBenchResult {
  records: number;
  /** µs per record of the contract's judge alone: judged pass minus the bare pass. */
  judgeMicros: number;
  /** µs per record of the bare pass over the same rows (reading them and hashing every column). */
  bareMicros: number;
  /** µs per record of the judged pass (reading, judging, hashing every judged column). */
  judgedMicros: number;
}

/** Seconds `frame` takes to compute (one row: its count and a hash over every column, so nothing is pruned). */
async function timedPass(session: SparkSession, frame: DataFrame, view: string): Promise<number> {
  await frame.createOrReplaceTempView(view);
  const started = process.hrtime.bigint();
  await (await session.sql(`SELECT count(*) AS n, sum(hash(*)) AS h FROM ${view}`)).collect();
  return Number(process.hrtime.bigint() - started) / 1e9;
}

/**
 * `./ecom bench judge [--records N]`: the contract's judge (silver's and quarantine's verdict on a
 * bronze record) over N generated records of the default mix, next to a bare pass over the same
 * rows, on the same warmed-up server, alternating bare and judged three times each. The records
 * are read from Kafka once into a parquet table of bronze's columns; both passes read it and hash
 * every output column, so Spark cannot skip a judged column.
 */
export async function benchJudgeCommand(config: EcomConfig, args: readonly string[]): Promise<number> {
  const records = recordsOption(args, 1_000_000, "judge");
  const suffix = Date.now().toString(36);
  const bench = benchConfig(config, `judge-${suffix}`);
  const table = `${bench.lake.uri}/records`;
  await ensureTopic(config.kafka.bootstrap, bench.topic.name, config.topic.partitions);
  const session = await SparkSession.connect(config.spark.remote);
  let result: JudgeBenchResult;
  try {
    ui.step(`${records.toLocaleString("en")} generated records (the default mix) to ${bench.topic.name}…`);
    await generate(bench, ["--count", String(records), "--rate", "max"]);
    ui.step("read once into a parquet table of bronze's columns…");
    await session.read
      .format("kafka")
      .options({ "kafka.bootstrap.servers": config.kafka.bootstrap, subscribe: bench.topic.name })
      .load()
      .selectExpr(...bronzeSelect)
      .write.format("parquet")
      .mode("overwrite")
      .save(table);
    const rows = session.read.parquet(table);
    await rows.createOrReplaceTempView("ecom_bench_records");
    const judged = await judgeBronze(session, "ecom_bench_records");
    const bare: number[] = [];
    const judgedRuns: number[] = [];
    await timedPass(session, rows, "ecom_bench_bare"); // warm-up: JIT and file cache
    await timedPass(session, judged, "ecom_bench_judged");
    for (let round = 1; round <= 3; round++) {
      bare.push(await timedPass(session, rows, "ecom_bench_bare"));
      judgedRuns.push(await timedPass(session, judged, "ecom_bench_judged"));
      ui.step(
        `round ${round}: bare ${fixed(bare.at(-1) ?? 0, 2)} s, judged ${fixed(judgedRuns.at(-1) ?? 0, 2)} s`,
      );
    }
    const micros = (seconds: number) => (seconds * 1e6) / records;
    result = {
      records,
      bareMicros: micros(percentile(bare, 50)),
      judgedMicros: micros(percentile(judgedRuns, 50)),
      judgeMicros: micros(Math.max(0, percentile(judgedRuns, 50) - percentile(bare, 50))),
    };
  } finally {
    await session.close();
    removeBenchFiles(bench);
    await withKafkaAdmin(config.kafka.bootstrap, (admin) =>
      admin.deleteTopics({ topics: [bench.topic.name] }),
    ).catch(() => undefined);
  }
  mkdirSync(benchResultsDir(), { recursive: true });
  writeFileSync(join(benchResultsDir(), "judge.json"), `${JSON.stringify(result, null, 2)}\n`);
  ui.out(
    ui.table(
      ["measure", "µs per record", "target"],
      [
        ["bare pass (read, hash every column)", fixed(result.bareMicros, 2), ""],
        ["judged pass (read, judge, hash every column)", fixed(result.judgedMicros, 2), ""],
        ["the judge alone (judged - bare)", fixed(result.judgeMicros, 2), "<= 3"],
      ],
    ),
  );
  ui.out(
    `judge: ${fixed(result.judgeMicros, 2)} µs per record, bare ${fixed(result.bareMicros, 2)} µs per record, ${records} records`,
  );
  return 0;
}
