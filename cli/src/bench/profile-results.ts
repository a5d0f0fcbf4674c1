import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "@ecomstream/runtime";
import { ui } from "../ui.js";
import { fixed } from "./stats.js";

/** One run of `./ecom bench pipeline`, as kept for comparing profiles. */
export interface PipelineRunSummary {
  profile: string;
  at: string;
  commit: string;
  bareRowsPerSecond: number;
  sustainedEventsPerSecond: number;
  provisionalP95At5kMs: number | null;
  apiP95At5kMs: number | null;
}

/** Where each profile's last pipeline bench is kept (the checkout's `.ecom/bench`, not in git). */
export function benchResultsDir(): string {
  return join(repoRoot(), ".ecom", "bench");
}

function currentCommit(): string {
  try {
    return execFileSync("git", ["rev-parse", "--short", "HEAD"], {
      cwd: repoRoot(),
      encoding: "utf8",
    }).trim();
  } catch {
    return "unknown";
  }
}

/** Keeps `summary` as its profile's last run and returns every profile's last run, this one first. */
export function keepPipelineRun(
  summary: Omit<PipelineRunSummary, "at" | "commit">,
  dir = benchResultsDir(),
): PipelineRunSummary[] {
  const run: PipelineRunSummary = { ...summary, at: new Date().toISOString(), commit: currentCommit() };
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `pipeline-${run.profile}.json`), `${JSON.stringify(run, null, 2)}\n`);
  const others = readdirSync(dir)
    .filter((name) => /^pipeline-.+\.json$/.test(name) && name !== `pipeline-${run.profile}.json`)
    .flatMap((name) => {
      try {
        return [JSON.parse(readFileSync(join(dir, name), "utf8")) as PipelineRunSummary];
      } catch {
        return [];
      }
    })
    .sort((a, b) => a.profile.localeCompare(b.profile));
  return [run, ...others];
}

/** Each profile's last run side by side: throughput and its ratio to that run's bare query. */
export function printProfiles(runs: readonly PipelineRunSummary[]): void {
  const ms = (value: number | null) => (value === null ? "not reached" : fixed(value));
  ui.out(
    ui.table(
      [
        "profile (last run here)",
        "at",
        "commit",
        "bare rows/s",
        "sustained events/s",
        "sustained / bare",
        "prov. p95 at 5k/s ms",
        "API p95 at 5k/s ms",
      ],
      runs.map((r) => [
        r.profile,
        r.at.slice(0, 16).replace("T", " "),
        r.commit,
        fixed(r.bareRowsPerSecond),
        fixed(r.sustainedEventsPerSecond),
        r.bareRowsPerSecond > 0 ? (r.sustainedEventsPerSecond / r.bareRowsPerSecond).toFixed(3) : "-",
        ms(r.provisionalP95At5kMs),
        ms(r.apiP95At5kMs),
      ]),
    ),
  );
  ui.out(`profiles: each one's last run on this machine, kept in ${benchResultsDir()}`);
}
