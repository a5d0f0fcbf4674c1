import type { EcomConfig } from "@ecomstream/runtime";
import type { SparkSession } from "@ecomstream/spark-connect";
import { type BreakdownSums, breakdownSums, registerBreakdownView } from "./breakdown-sums.js";
import { type LakeCounts, lakeCounts, type TimeRange } from "./lake-counts.js";
import { registerLakeViews, views } from "./lake-views.js";
import { type PartitionRange, topicRange } from "./topic-offsets.js";

export interface ReconcileCheck {
  check: string;
  expected: number;
  actual: number;
  ok: boolean;
}

export interface ReconcileReport {
  ok: boolean;
  checks: ReconcileCheck[];
  counts: LakeCounts;
  /** gold kpi_dim_minute's sums over each dimension's values against kpi_minute */
  breakdowns: BreakdownSums;
  topic?: { records: number; partitions: PartitionRange[] };
  /** bronze valid records that silver dropped as copies of an event_id it already holds */
  duplicates: number;
}

const sum = (values: Iterable<number>) => [...values].reduce((a, b) => a + b, 0);

/** The lake's counts over one pinned snapshot of each table (see registerLakeViews). */
async function countLake(session: SparkSession, config: EcomConfig, range: TimeRange) {
  const present = await registerLakeViews(session, config);
  return lakeCounts(session, config.topic.name, range, present.gold);
}

/**
 * The pipeline's books: the topic's records all in bronze, each bronze record in exactly one of
 * silver, quarantine (with the reason the contract gives it) or the dropped duplicates, silver
 * free of duplicate event_ids, and gold equal to a batch recomputation from silver.
 */
export async function reconcile(
  session: SparkSession,
  config: EcomConfig,
  range: TimeRange = {},
): Promise<ReconcileReport> {
  const counts = await countLake(session, config, range);
  const checks: ReconcileCheck[] = [];
  const check = (name: string, expected: number, actual: number, ok = expected === actual) =>
    checks.push({ check: name, expected, actual, ok });

  let topic: ReconcileReport["topic"];
  if (!range.from && !range.to) {
    const partitions = await topicRange(config.kafka.bootstrap, config.topic.name);
    const records = sum(partitions.map((p) => p.latest - p.earliest));
    topic = { records, partitions };
    // with unique coordinates, count = range and both ends matching means exactly the topic's offsets
    const exact = partitions.every((p) => {
      const seen = counts.bronzeByPartition.get(p.partition);
      if (p.latest === p.earliest) return seen === undefined;
      return (
        seen?.count === p.latest - p.earliest &&
        seen.minOffset === p.earliest &&
        seen.maxOffset === p.latest - 1
      );
    });
    check(
      "bronze holds every record of the topic (end - start offsets)",
      records,
      counts.bronze,
      exact && records === counts.bronze,
    );
  }
  check(
    "bronze records are unique (topic, partition, offset)",
    counts.bronze,
    counts.bronzeDistinctCoordinates,
  );
  check(
    "bronze verdicts stored that differ from the contract's verdict now",
    0,
    counts.storedVerdictsDiffering,
  );
  const invalid = sum(counts.invalidByReason.values());
  check(
    "quarantine rows = bronze records the contract rejects",
    invalid,
    sum(counts.quarantineByReason.values()),
  );
  const reasons = new Set([...counts.invalidByReason.keys(), ...counts.quarantineByReason.keys()]);
  for (const reason of [...reasons].sort()) {
    check(
      `  quarantine ${reason}`,
      counts.invalidByReason.get(reason) ?? 0,
      counts.quarantineByReason.get(reason) ?? 0,
    );
  }
  check("silver rows = distinct valid event_ids in bronze", counts.distinctValidIds, counts.silver);
  check("silver event_ids are unique", counts.silver, counts.silverDistinctIds);
  const duplicates = counts.valid - counts.silver;
  const quarantined = sum(counts.quarantineByReason.values());
  check(
    "bronze = silver + quarantine + dropped duplicates",
    counts.bronze,
    counts.silver + quarantined + Math.max(0, duplicates),
  );
  check("gold minutes = minutes recomputed from silver", counts.recomputedMinutes, counts.goldMinutes);
  check("gold minutes that differ from the recomputation", 0, counts.goldMismatches);
  await registerBreakdownView(session, config);
  const breakdowns = await breakdownSums(session, views.gold, range);
  check(
    "gold kpi_dim_minute sums over a dimension's values that differ from kpi_minute",
    0,
    breakdowns.mismatches,
  );
  return {
    ok: checks.every((c) => c.ok),
    checks,
    counts,
    breakdowns,
    duplicates,
    ...(topic ? { topic } : {}),
  };
}
