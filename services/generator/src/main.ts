import { describeError } from "@ecomstream/runtime";
import { GeneratorOptionsError, usage } from "./options.js";
import { parseGeneratorArgs } from "./parse-args.js";
import { stderrProgress } from "./progress.js";
import { runGenerator } from "./run.js";

/** CLI entry: `node --import tsx services/generator/src/main.ts --count 1000 …`. */
async function main(argv: string[]): Promise<number> {
  if (argv.includes("--help") || argv.includes("-h")) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  const options = parseGeneratorArgs(argv);
  const stop = new AbortController();
  let interrupts = 0;
  process.on("SIGINT", () => {
    interrupts++;
    if (interrupts > 1) process.exit(130);
    process.stderr.write(
      "\nstopping: flushing in-flight records and writing the manifest (Ctrl-C again to abort)\n",
    );
    stop.abort();
  });
  process.on("SIGTERM", () => stop.abort());
  const progress = options.progress === "off" ? undefined : stderrProgress();
  try {
    const result = await runGenerator(options, {
      signal: stop.signal,
      ...(progress ? { onProgress: (p) => progress.update(p) } : {}),
    });
    progress?.done();
    const m = result.manifest;
    process.stderr.write(
      `generator: ${m.records.total} records acknowledged (${m.records.invalid} invalid, ${m.records.duplicates} duplicates, ` +
        `${m.records.late} late) in ${result.wallSeconds.toFixed(1)} s, ${Math.round(result.eventsPerSecond)} rec/s; ` +
        `stopped by ${result.stoppedBy}${options.manifestPath ? `; manifest ${options.manifestPath}` : ""}\n`,
    );
    return 0;
  } catch (error) {
    progress?.done();
    throw error;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${describeError(error)}\n`);
    // the Kafka client's own account of a failed produce (which broker, which error code)
    const detail = ((error as { cause?: { detail?: unknown } }).cause?.detail ?? "") as string;
    if (detail) process.stderr.write(`cause: ${String(detail).slice(0, 4000)}\n`);
    process.exit(error instanceof GeneratorOptionsError ? 2 : 1);
  },
);
