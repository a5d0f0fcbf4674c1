import assert from "node:assert/strict";
import { test } from "node:test";
import { batchJobCosts, type SparkJob } from "./delta-batch-cost.js";

/** A job of `query`'s batch as Spark's REST API lists it: `ms` long, started `at` seconds into the minute. */
function job(jobId: number, query: string, batch: number, at: number, ms: number, delta?: string): SparkJob {
  const start = new Date(Date.UTC(2026, 11, 6, 16, 55, at));
  const description = `${delta === undefined ? "" : "Delta: "}${query}\nid = q-1\nrunId = r-1\nbatch = ${batch}${delta ? `: ${delta}` : ""}`;
  return {
    jobId,
    description,
    submissionTime: start.toISOString().replace("Z", "GMT"),
    completionTime: new Date(start.getTime() + ms).toISOString().replace("Z", "GMT"),
  };
}

test("each batch's jobs are split into Delta's state rebuild, Delta's other jobs and the work, p50 over batches", () => {
  const jobs = [
    job(1, "ecom_bronze", 1, 0, 300, "Compute snapshot for version: 1"),
    job(2, "ecom_bronze", 1, 1, 500, "Compute snapshot for version: 1"),
    job(3, "ecom_bronze", 1, 2, 1000),
    job(4, "ecom_bronze", 2, 3, 900, "Compute snapshot for version: 2"),
    job(5, "ecom_bronze", 2, 4, 2000),
    job(6, "ecom_bronze", 2, 6, 400, "Writing checkpoint"),
    job(7, "ecom_bronze", 3, 7, 1000, "Compute snapshot for version: 3"),
    job(8, "ecom_bronze", 3, 8, 1500),
    job(9, "ecom_silver", 1, 9, 700),
    { jobId: 10, description: "Spark Connect - session_id: s", submissionTime: "2026-12-06T16:55:10.000GMT" },
  ];
  const costs = batchJobCosts(jobs, ["ecom_bronze", "ecom_silver", "ecom_quarantine"]);
  assert.deepEqual(costs, [
    { query: "ecom_bronze", batches: 3, snapshotMs: 900, otherDeltaMs: 0, workMs: 1500 },
    { query: "ecom_silver", batches: 1, snapshotMs: 0, otherDeltaMs: 0, workMs: 700 },
  ]);
});

test("jobs submitted before the step started are left out", () => {
  const jobs = [job(1, "ecom_bronze", 1, 0, 5000), job(2, "ecom_bronze", 2, 30, 1000)];
  const since = Date.UTC(2026, 11, 6, 16, 55, 10);
  assert.deepEqual(batchJobCosts(jobs, ["ecom_bronze"], since), [
    { query: "ecom_bronze", batches: 1, snapshotMs: 0, otherDeltaMs: 0, workMs: 1000 },
  ]);
});
