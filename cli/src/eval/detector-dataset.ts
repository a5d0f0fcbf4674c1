import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { breakdownPointsFromRows, type LabelledRun } from "@ecomstream/anomaly-detector/eval";
import { KpiMinuteAccumulator, type KpiMinuteRow } from "@ecomstream/contracts";
import { defaultOptions, RecordGenerator } from "@ecomstream/generator";
import { repoRoot } from "@ecomstream/runtime";
import type { RunSpec } from "./detector-plan.js";

const minuteMs = 60_000;

/**
 * The kpi_dim_minute series a run carries: per country, as the detector's default breakdown rule
 * (payment failure rate per country) reads them. Part of the cache key: runs stored before a
 * dimension was added here are generated again.
 */
export const runBreakdownDimensions = ["country"] as const;

/**
 * Generates one labelled run with the generator's pure record stream (no Kafka, event time only):
 * the expected kpi_minute rows exactly as the manifest's `kpiMinute` computes them (valid and late
 * events, exact distincts) for the minutes in [start, end), the same rows per country of the
 * events as the run's kpi_dim_minute breakdowns, the records and quarantined records per ingest
 * minute, and the incidents.
 */
export function generateRun(spec: RunSpec): LabelledRun {
  const options = {
    ...defaultOptions(),
    rate: spec.rate,
    speed: 1,
    seed: spec.seed,
    startMs: spec.startMs,
    incidents: spec.incidents,
    progress: "off" as const,
  };
  const gen = new RecordGenerator(options, spec.startMs);
  const kpis = new KpiMinuteAccumulator();
  const byCountry = new Map<string, KpiMinuteAccumulator>();
  const endMs = spec.startMs + spec.durationMinutes * minuteMs;
  const quality = new Map<number, { minuteMs: number; records: number; quarantined: number }>();
  for (;;) {
    const record = gen.next();
    if (record.kind === "valid" && record.eventTimeMs >= endMs) break;
    if (record.event && (record.kind === "valid" || record.kind === "late")) {
      kpis.add(record.event, record.eventTimeMs);
      let country = byCountry.get(record.event.country);
      if (!country) {
        country = new KpiMinuteAccumulator();
        byCountry.set(record.event.country, country);
      }
      country.add(record.event, record.eventTimeMs);
    }
    const minute = Math.floor(record.timestampMs / minuteMs) * minuteMs;
    const q = quality.get(minute) ?? { minuteMs: minute, records: 0, quarantined: 0 };
    quality.set(minute, q);
    q.records++;
    if (record.kind === "invalid") q.quarantined++;
  }
  const inRun = (row: KpiMinuteRow) => {
    const ms = Date.parse(row.window_start);
    return ms >= spec.startMs && ms < endMs;
  };
  const points = kpis
    .rows()
    .filter(inRun)
    .map((row: KpiMinuteRow) => {
      const { window_start, window_end: _end, ...values } = row;
      return { minuteMs: Date.parse(window_start), isFinal: true, values };
    });
  const breakdowns = [...byCountry]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .flatMap(([country, rows]) => breakdownPointsFromRows("country", country, rows.rows().filter(inRun)));
  return {
    name: spec.name,
    points,
    breakdowns,
    quality: [...quality.values()].sort((a, b) => a.minuteMs - b.minuteMs),
    incidents: gen.incidents.spans.map((i) => ({ type: i.type, startMs: i.startMs, endMs: i.endMs })),
  };
}

/** A digest of the code the expected series derive from (generator and contracts sources). */
function sourceDigest(): string {
  const hash = createHash("sha256");
  for (const dir of ["services/generator/src", "packages/contracts/src"]) {
    const abs = join(repoRoot(), dir);
    for (const file of readdirSync(abs).sort()) {
      if (!file.endsWith(".ts") || file.endsWith(".test.ts")) continue;
      hash.update(file).update(readFileSync(join(abs, file)));
    }
  }
  return hash.digest("hex");
}

/**
 * NaN kept through JSON: a breakdown point holds NaN for what kpi_dim_minute does not carry
 * (page_views, unique_users, ...), and a rule reading those must stay unjudged after a reload.
 */
const keepNaN = (_key: string, value: unknown) =>
  typeof value === "number" && Number.isNaN(value) ? "NaN" : value;
const reviveNaN = (_key: string, value: unknown) => (value === "NaN" ? Number.NaN : value);

/**
 * The labelled run of `spec`, from `cacheDir` when it was generated before with the same spec, the
 * same breakdown dimensions and the same generator and contracts sources (the generator is
 * deterministic), else generated and stored there.
 */
export function cachedRun(spec: RunSpec, cacheDir: string | undefined): LabelledRun {
  if (!cacheDir) return generateRun(spec);
  const key = createHash("sha256")
    .update(JSON.stringify({ spec, breakdowns: runBreakdownDimensions, nan: "NaN" }))
    .update(sourceDigest())
    .digest("hex");
  const file = join(cacheDir, `${spec.name}-${key.slice(0, 16)}.json`);
  try {
    return JSON.parse(readFileSync(file, "utf8"), reviveNaN) as LabelledRun;
  } catch {
    const run = generateRun(spec);
    mkdirSync(cacheDir, { recursive: true });
    writeFileSync(`${file}.tmp`, JSON.stringify(run, keepNaN));
    renameSync(`${file}.tmp`, file);
    return run;
  }
}
