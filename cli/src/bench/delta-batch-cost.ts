import { percentile } from "./stats.js";

/** A job as Spark's REST API lists it (`/api/v1/applications/<app>/jobs`), the fields read here. */
export interface SparkJob {
  jobId: number;
  description?: string;
  submissionTime?: string;
  completionTime?: string;
}

/** Where a streaming query's micro-batches spent their Spark jobs' time, p50 ms per batch. */
export interface BatchJobCost {
  query: string;
  batches: number;
  /** Delta rebuilding the table's state ("Compute snapshot for version"): the sink reads its idempotence marker from it. */
  snapshotMs: number;
  /** Delta's other jobs of the batch (e.g. writing a log checkpoint every 10 commits). */
  otherDeltaMs: number;
  /** The batch's own jobs: reading the source and writing the data files. */
  workMs: number;
}

const batchJob = /^(Delta: )?([^\n]+)\n(?:.*\n)*?batch = (\d+)(?::\s*(.*))?$/;

/** Splits each named query's batch jobs into Delta's state rebuild, Delta's other jobs and the batch's own work. */
export function batchJobCosts(
  jobs: readonly SparkJob[],
  queries: readonly string[],
  sinceMs = 0,
): BatchJobCost[] {
  const perBatch = new Map<string, { snapshot: number; otherDelta: number; work: number }>();
  for (const job of jobs) {
    const match = batchJob.exec(job.description ?? "");
    if (!match || !job.submissionTime || !job.completionTime) continue;
    const [, delta, query, batch, label] = match;
    if (!query || !queries.includes(query)) continue;
    const start = Date.parse(job.submissionTime.replace("GMT", "Z"));
    const ms = Date.parse(job.completionTime.replace("GMT", "Z")) - start;
    if (!(start >= sinceMs) || !Number.isFinite(ms)) continue;
    const key = `${query}\n${batch}`;
    const costs = perBatch.get(key) ?? { snapshot: 0, otherDelta: 0, work: 0 };
    if (!delta) costs.work += ms;
    else if (label?.startsWith("Compute snapshot")) costs.snapshot += ms;
    else costs.otherDelta += ms;
    perBatch.set(key, costs);
  }
  return queries.flatMap((query) => {
    const batches = [...perBatch].filter(([key]) => key.startsWith(`${query}\n`)).map(([, c]) => c);
    if (batches.length === 0) return [];
    return [
      {
        query,
        batches: batches.length,
        snapshotMs: percentile(
          batches.map((b) => b.snapshot),
          50,
        ),
        otherDeltaMs: percentile(
          batches.map((b) => b.otherDelta),
          50,
        ),
        workMs: percentile(
          batches.map((b) => b.work),
          50,
        ),
      },
    ];
  });
}

/** The Spark server's jobs from its web UI's REST API, or undefined when the UI is not reachable. */
export async function fetchSparkJobs(uiUrl: string): Promise<SparkJob[] | undefined> {
  try {
    const apps = (await (await fetch(`${uiUrl}/api/v1/applications`)).json()) as Array<{ id: string }>;
    const app = apps[0]?.id;
    if (!app) return undefined;
    return (await (await fetch(`${uiUrl}/api/v1/applications/${app}/jobs`)).json()) as SparkJob[];
  } catch {
    return undefined;
  }
}
