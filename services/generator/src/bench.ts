import { defaultOptions, type GeneratorOptions } from "./options.js";
import type { RecordSink } from "./producer.js";
import { runGenerator } from "./run.js";

export interface GeneratorBench {
  records: number;
  wallSeconds: number;
  /** Records acknowledged by the broker (acks=all) per second. */
  eventsPerSecond: number;
  cpuSeconds: number;
  /** CPU seconds per wall second (1.0 = one core busy). */
  cpuCores: number;
  maxRssMb: number;
}

/**
 * Produces `count` records as fast as the broker acknowledges them (rate max, no manifest file)
 * and reports throughput, CPU and memory, for `./ecom bench generator`.
 */
export async function benchGenerator(
  options: Partial<GeneratorOptions> & { count: number },
  deps: { sink?: RecordSink; partitions?: number } = {},
): Promise<GeneratorBench> {
  const cpu = process.cpuUsage();
  const result = await runGenerator(
    { ...defaultOptions(), ...options, rate: "max", manifestPath: undefined },
    deps,
  );
  const used = process.cpuUsage(cpu);
  const cpuSeconds = (used.user + used.system) / 1e6;
  return {
    records: result.acknowledged,
    wallSeconds: result.wallSeconds,
    eventsPerSecond: result.eventsPerSecond,
    cpuSeconds,
    cpuCores: result.wallSeconds > 0 ? cpuSeconds / result.wallSeconds : 0,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
  };
}
