import type { LakeStore } from "@ecomstream/lake";
import type { LakeLayout } from "@ecomstream/lake-model";
import type { EcomConfig } from "@ecomstream/runtime";
import type { SparkSession } from "@ecomstream/spark-connect";
import type pg from "pg";
import { silverRowsCommittedAfter } from "./pipeline-lake.js";
import {
  bronzeEndOffsets,
  goldSilverVersionSeen,
  type PipelineStageRow,
  type StageFigures,
  writerStageRow,
} from "./pipeline-status.js";
import { upsertPipelineStages } from "./pipeline-store.js";
import type { QualitySyncResult } from "./quality-sync.js";
import { fetchStageHealth, type StageHealthReport } from "./stage-health.js";
import { recordsBehind, sparkKafkaOffsets, type TopicOffsets } from "./topic-lag.js";

/** The loader's own figures for its row. */
export interface LoaderFigures {
  healthy: boolean;
  detail: string | null;
  inputRowsPerSecond: number | null;
  /** Newest updated_at loaded into kpi_minute (epoch ms). */
  newestLoadedMs: number | null;
  groupId: string;
}

export interface PipelineSyncInput {
  config: EcomConfig;
  lake: LakeLayout;
  session: SparkSession;
  store: LakeStore;
  pool: pg.Pool;
  offsets: TopicOffsets;
  /** This run's quality scan (silver's progress), null when there was none. */
  quality: QualitySyncResult | null;
  /** Newest gold updated_at loaded (epoch ms). */
  goldCursorMs: number | null;
  loader: LoaderFigures;
  nowMs: number;
  /** How a stage's /health is read (tests pass their own). */
  fetchHealth?: (port: number) => Promise<StageHealthReport | null>;
}

/** Runs `measure`; a failure leaves the figure unknown and says why. */
async function attempt<T>(what: string, notes: string[], measure: () => Promise<T>): Promise<T | null> {
  try {
    return await measure();
  } catch (error) {
    notes.push(`${what}: ${((error as Error).message ?? String(error)).split("\n")[0]}`);
    return null;
  }
}

/**
 * serving.pipeline_stage, one row per stage: last batch time and input rate from each writer's
 * /health; lag in records — bronze: topic end offsets minus the bronze query's last end offsets;
 * silver: bronze records ingested after the newest one silver or quarantine holds; gold: silver rows
 * added by commits after the one gold's restatement has seen; loader: KPI topic end offsets minus
 * its consumer group's committed offsets; freshness: seconds since the newest data each stage output.
 */
export async function syncPipeline(input: PipelineSyncInput): Promise<PipelineStageRow[]> {
  const { config, nowMs } = input;
  const fetch = input.fetchHealth ?? ((port: number) => fetchStageHealth(port));
  const { ports } = config.pipeline;
  const [bronze, silver, gold] = await Promise.all([
    fetch(ports.bronze),
    fetch(ports.silver),
    fetch(ports.gold),
  ]);

  const bronzeNotes: string[] = [];
  const position = sparkKafkaOffsets(bronzeEndOffsets(bronze), config.topic.name);
  const topic = await attempt("Kafka offsets", bronzeNotes, () => input.offsets.range(config.topic.name));
  const bronzeFigures: StageFigures = {
    lagRecords: position && topic ? recordsBehind(topic.end, position, topic.earliest) : null,
    newestOutputMs: input.quality?.progress?.bronzeMaxMs ?? null,
    lagFrom: "topic end offsets - bronze query's last end offsets",
  };
  const progress = input.quality?.progress;
  const silverFigures: StageFigures = {
    lagRecords: input.quality ? (progress?.unprocessed ?? 0) : null,
    newestOutputMs: progress?.processedMaxMs ?? null,
    lagFrom: "bronze records ingested after the newest record silver or quarantine holds",
  };
  const goldNotes: string[] = [];
  const seenVersion = goldSilverVersionSeen(gold);
  const goldLag =
    seenVersion === null
      ? null
      : await attempt("silver's Delta log", goldNotes, () =>
          silverRowsCommittedAfter(input.store, input.lake, seenVersion),
        );
  const goldFigures: StageFigures = {
    lagRecords: goldLag,
    newestOutputMs: input.goldCursorMs,
    lagFrom: "silver rows added by commits after the one gold's restatement has seen",
  };

  const loaderNotes: string[] = [];
  const kpiTopic = await attempt("KPI topic offsets", loaderNotes, async () => {
    const range = await input.offsets.range(config.topic.kpiName);
    const committed = await input.offsets.committed(input.loader.groupId, config.topic.kpiName);
    return recordsBehind(range.end, committed, range.earliest);
  });
  const withNotes = (row: PipelineStageRow, notes: string[]): PipelineStageRow =>
    notes.length === 0 ? row : { ...row, details: { ...row.details, notes } };
  const rows: PipelineStageRow[] = [
    withNotes(writerStageRow("bronze-writer", bronze, bronzeFigures, nowMs), bronzeNotes),
    writerStageRow("silver-writer", silver, silverFigures, nowMs),
    withNotes(writerStageRow("gold-writer", gold, goldFigures, nowMs), goldNotes),
    {
      stage: "loader",
      lastBatchAtMs: nowMs,
      inputRowsPerSecond: input.loader.inputRowsPerSecond,
      lagRecords: kpiTopic,
      freshnessSeconds:
        input.loader.newestLoadedMs === null
          ? null
          : Math.max(0, (nowMs - input.loader.newestLoadedMs) / 1000),
      details: {
        healthy: input.loader.healthy,
        detail: input.loader.detail,
        lagFrom: "KPI topic end offsets - the loader's committed offsets",
        ...(loaderNotes.length ? { notes: loaderNotes } : {}),
      },
    },
  ];
  await upsertPipelineStages(input.pool, rows);
  return rows;
}
