import { bronzeQueryName } from "@ecomstream/bronze-writer";
import { provisionalQueryName } from "@ecomstream/gold-writer";
import { topicRange } from "@ecomstream/reconcile";
import type { EcomConfig } from "@ecomstream/runtime";
import { silverQueryName } from "@ecomstream/silver-writer";
import type { QueryState, Stage } from "@ecomstream/stage";
import { percentile, sumKafkaOffsets } from "./stats.js";

type Layer = "bronze" | "silver" | "gold";
const layerOf: Record<string, Layer> = {
  [bronzeQueryName]: "bronze",
  [silverQueryName]: "silver",
  [provisionalQueryName]: "gold",
};

export interface Spread {
  p50: number;
  p95: number;
}

export interface StepResult {
  rate: number;
  producedPerSecond: number;
  sustained: boolean;
  /** Records in the topic that bronze had not read when the generator stopped. */
  endLag: number;
  /** Seconds bronze then took to read up to the topic's end (the lag as time). */
  catchUpSeconds: number;
  batchMs: Record<Layer, Spread>;
  bronzeFreshnessP95Ms: number;
  silverFreshnessP50Ms: number;
  silverFreshnessP95Ms: number;
  goldFreshnessP50Ms: number;
  goldFreshnessP95Ms: number;
  /** Per query with input rows: p50 ms of each part of its batches (Spark's durationMs keys). */
  phases: Record<string, Record<string, number>>;
}

const topicEnd = async (config: EcomConfig) =>
  (await topicRange(config.kafka.bootstrap, config.topic.name)).reduce((total, p) => total + p.latest, 0);

/** Samples the stages' batches (one entry per new batch id) while the generator runs one rate. */
export class StepSampler {
  private readonly batchMs: Record<Layer, number[]> = { bronze: [], silver: [], gold: [] };
  private readonly freshnessMs: Record<Layer, number[]> = { bronze: [], silver: [], gold: [] };
  private readonly phases = new Map<string, Map<string, number[]>>();
  private readonly seen = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private startEnd: Promise<number> | undefined;

  constructor(
    private readonly config: EcomConfig,
    private readonly stages: readonly Stage[],
    private readonly rate: number,
  ) {}

  start(): void {
    this.startEnd = topicEnd(this.config);
    for (const state of this.states()) this.seen.set(state.name, state.lastProgress?.batchId ?? -1);
    this.timer = setInterval(() => this.sample(), 500);
  }

  async finish(stepSeconds: number, catchUpLimitMs = 60_000): Promise<StepResult> {
    const end = await topicEnd(this.config);
    const produced = end - ((await this.startEnd) ?? end);
    const endLag = this.lag(end);
    const caughtUpFrom = Date.now();
    while (this.lag(end) > 0 && Date.now() - caughtUpFrom < catchUpLimitMs)
      await new Promise((resolve) => setTimeout(resolve, 250));
    const catchUpSeconds = this.lag(end) > 0 ? Number.POSITIVE_INFINITY : (Date.now() - caughtUpFrom) / 1000;
    if (this.timer) clearInterval(this.timer);
    this.sample();
    const spread = (values: number[]): Spread => ({
      p50: percentile(values, 50),
      p95: percentile(values, 95),
    });
    const producedPerSecond = produced / stepSeconds;
    const silverFreshnessP95Ms = percentile(this.freshnessMs.silver, 95);
    return {
      rate: this.rate,
      producedPerSecond,
      sustained:
        producedPerSecond >= 0.9 * this.rate && catchUpSeconds <= 15 && silverFreshnessP95Ms <= 30_000,
      endLag,
      catchUpSeconds,
      batchMs: {
        bronze: spread(this.batchMs.bronze),
        silver: spread(this.batchMs.silver),
        gold: spread(this.batchMs.gold),
      },
      bronzeFreshnessP95Ms: percentile(this.freshnessMs.bronze, 95),
      silverFreshnessP50Ms: percentile(this.freshnessMs.silver, 50),
      silverFreshnessP95Ms,
      goldFreshnessP50Ms: percentile(this.freshnessMs.gold, 50),
      goldFreshnessP95Ms: percentile(this.freshnessMs.gold, 95),
      phases: Object.fromEntries(
        [...this.phases].map(([query, parts]) => [
          query,
          Object.fromEntries([...parts].map(([part, values]) => [part, percentile(values, 50)])),
        ]),
      ),
    };
  }

  /** Records up to `end` that bronze has not read (as of the stage's last look at its query). */
  private lag(end: number): number {
    const bronze = this.states().find((s) => s.name === bronzeQueryName);
    const read = sumKafkaOffsets(bronze?.lastProgress?.sources[0]?.endOffset);
    return read === undefined ? end : Math.max(0, end - read);
  }

  private states(): QueryState[] {
    return this.stages.flatMap((stage) => stage.queries());
  }

  private sample(): void {
    for (const state of this.states()) {
      const progress = state.lastProgress;
      if (!progress || progress.batchId === this.seen.get(state.name)) continue;
      this.seen.set(state.name, progress.batchId);
      if (progress.numInputRows === 0) continue;
      const parts = this.phases.get(state.name) ?? new Map<string, number[]>();
      this.phases.set(state.name, parts);
      for (const [part, ms] of Object.entries(progress.durationMs ?? {}))
        parts.set(part, [...(parts.get(part) ?? []), ms]);
      const layer = layerOf[state.name];
      if (!layer) continue;
      const ms = progress.durationMs?.triggerExecution;
      if (ms !== undefined) this.batchMs[layer].push(ms);
      if (state.batchFreshnessMs !== undefined) this.freshnessMs[layer].push(state.batchFreshnessMs);
    }
  }
}
