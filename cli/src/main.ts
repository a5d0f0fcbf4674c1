import { parseArgs } from "node:util";
import { describeError, EcomError, errorCodes, loadConfig } from "@ecomstream/runtime";
import { benchCommand } from "./commands/bench.js";
import { compactCommand } from "./commands/compact.js";
import { doctorCommand } from "./commands/doctor.js";
import { downCommand } from "./commands/down.js";
import { envCommand } from "./commands/env.js";
import { evalCommand } from "./commands/eval.js";
import { generateCommand } from "./commands/generate.js";
import { lakeCommand } from "./commands/lake.js";
import { logsCommand } from "./commands/logs.js";
import { quarantineCommand } from "./commands/quarantine.js";
import { reconcileCommand } from "./commands/reconcile.js";
import { replayCommand } from "./commands/replay.js";
import { retentionCommand } from "./commands/retention.js";
import { sqlCommand } from "./commands/sql.js";
import { statusCommand } from "./commands/status.js";
import { testCommand } from "./commands/test.js";
import { upCommand } from "./commands/up.js";

const usage = `usage: ./ecom <command> [options]

  up [--only a,b]    install what is missing and start the platform (embedded defaults)
  down [--purge]     stop what up started; --purge also wipes data (keeps downloads)
  status             probe every component; non-zero exit when one is down
  logs <component> [-f]
                     show (or follow) a component's log
  doctor             check this machine and print a fix for each problem
  env                print the effective settings as export lines: eval "$(./ecom env)"
  env readme         write README.md's configuration table again from the settings tables
  generate [options]  produce simulated shop events (./ecom generate --help)
  reconcile [--from T] [--to T] [--wait S]
                     check topic = bronze = silver + quarantine + duplicates, gold = recomputation
  sql "<query>" [--format table|csv|json]
                     Spark SQL over the lake's tables: bronze, silver, quarantine, gold_kpi_minute,
                     gold_kpi_dim_minute, gold_product_hour, gold_sessions
  lake rebuild       stop the lake's writers and move the lake, checkpoints and state aside;
                     the next up re-ingests the topic into Delta tables (a lake of the old format)
  compact [--layer L] [--from T] [--to T]
                     merge small files of closed lake partitions (./ecom compact --help)
  retention [--dry-run]
                     drop lake partitions and serving rows older than each layer's ECOM_RETENTION_*
  replay --from T --to T
                     rebuild silver, quarantine and gold of a time range from bronze
  quarantine replay --reason R [--from T] [--to T]
                     move quarantined records the current contract now accepts into silver
  eval detector [options]
                     score the anomaly detector on labelled generated traffic (./ecom eval --help)
  bench <name> [options]
                     spark-connect | generator | pipeline | api | lake: measured next to a
                     baseline in the same run
  test [--unit | --all] [files…]
                     typecheck, lint, start what tests need, run them; --all adds the
                     cluster-profile tests (*.cluster.test.ts)

  --profile default|s3|cluster (or ECOM_PROFILE) with any command (up, test, bench, compact…):
                     s3 keeps the lake and checkpoints in the bucket lake of an embedded MinIO;
                     cluster runs three Kafka brokers and a Spark master with two workers`;

/**
 * `--profile P` (or `--profile=P`) anywhere after the command is ECOM_PROFILE=P for this command and
 * everything it starts; the other arguments are returned in order.
 */
function takeProfile(args: readonly string[]): string[] {
  const rest: string[] = [];
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] as string;
    if (arg === "--profile" && i + 1 < args.length) {
      process.env.ECOM_PROFILE = args[i + 1];
      i += 1;
    } else if (arg.startsWith("--profile=")) process.env.ECOM_PROFILE = arg.slice("--profile=".length);
    else rest.push(arg);
  }
  return rest;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...given] = argv;
  const rest = takeProfile(given);
  if (!command || command === "help" || command === "--help" || command === "-h") {
    process.stdout.write(`${usage}\n`);
    return command ? 0 : 2;
  }
  if (command === "generate") return generateCommand(loadConfig(), rest);
  if (command === "eval") return evalCommand(loadConfig(), rest);
  if (command === "compact") return compactCommand(loadConfig(), rest);
  if (command === "retention") return retentionCommand(loadConfig(), rest);
  if (command === "replay") return replayCommand(loadConfig(), rest);
  if (command === "quarantine") return quarantineCommand(loadConfig(), rest);
  if (command === "sql") return sqlCommand(loadConfig(), rest);
  if (command === "lake") return lakeCommand(loadConfig(), rest);
  if (command === "bench") return benchCommand(loadConfig(), rest[0], rest.slice(1));
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      purge: { type: "boolean", default: false },
      follow: { type: "boolean", short: "f", default: false },
      unit: { type: "boolean", default: false },
      all: { type: "boolean", default: false },
      from: { type: "string" },
      to: { type: "string" },
      wait: { type: "string" },
      only: { type: "string" },
    },
  });
  const config = loadConfig();
  switch (command) {
    case "up":
      return upCommand(config, values.only ? values.only.split(",").map((n) => n.trim()) : []);
    case "down":
      return downCommand(config, { purge: values.purge ?? false });
    case "status":
      return statusCommand(config);
    case "logs":
      return logsCommand(config, positionals[0], values.follow ?? false);
    case "doctor":
      return doctorCommand(config);
    case "env":
      return envCommand(config, positionals);
    case "reconcile":
      return reconcileCommand(config, { from: values.from, to: values.to, wait: values.wait });
    case "test":
      return testCommand(config, {
        unit: values.unit ?? false,
        all: values.all ?? false,
        files: positionals,
      });
    default:
      throw new EcomError(errorCodes.usage, `unknown command '${command}'`, { fix: "run ./ecom help" });
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`ecom: ${describeError(error)}\n`);
    if (process.env.ECOM_DEBUG) console.error(error);
    process.exit(1);
  },
);
