import { type EcomConfig, EcomError, errorCodes } from "@ecomstream/runtime";
import { benchApiCommand } from "../bench/api-bench.js";
import { benchCapacityCommand } from "../bench/capacity-bench.js";
import { benchGeneratorCommand } from "../bench/generator-bench.js";
import { benchJudgeCommand } from "../bench/judge-bench.js";
import { benchLakeCommand } from "../bench/lake-bench.js";
import { benchPipelineCommand } from "../bench/pipeline-bench.js";
import { benchSparkConnectCommand } from "../bench/spark-connect-bench.js";

const benches: Record<string, (config: EcomConfig, args: readonly string[]) => Promise<number>> = {
  "spark-connect": benchSparkConnectCommand,
  generator: (config) => benchGeneratorCommand(config),
  api: (config) => benchApiCommand(config),
  pipeline: benchPipelineCommand,
  lake: benchLakeCommand,
  judge: benchJudgeCommand,
  capacity: benchCapacityCommand,
};

/** `./ecom bench <name>`: measurements reported next to a baseline measured in the same run. */
export async function benchCommand(
  config: EcomConfig,
  name: string | undefined,
  args: readonly string[] = [],
): Promise<number> {
  const names = Object.keys(benches);
  const run = name ? benches[name] : undefined;
  if (!run) {
    throw new EcomError(errorCodes.usage, `bench needs one of: ${names.join(", ")}`, {
      fix: `run ./ecom bench ${names[0]} (with the platform up: ./ecom up)`,
    });
  }
  return run(config, args);
}
