import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import {
  type EvalReport,
  type ManifestLike,
  runFromManifest,
  targets,
} from "@ecomstream/anomaly-detector/eval";
import { type EcomConfig, EcomError, errorCodes } from "@ecomstream/runtime";
import { evalCacheDir, evalRuns, evaluateDetector } from "../eval/detector-eval.js";
import { defaultEvalOptions } from "../eval/detector-plan.js";
import { ui } from "../ui.js";

export const evalUsage = `usage: ./ecom eval detector [options]
  Scores the anomaly detector on labelled traffic from the generator: one run per incident type
  plus incident-free traffic, judged minute by minute in simulated time (event time: a simulated
  day takes seconds). Exit 1 when a target is missed.
  --seed N          generator seed (default ${defaultEvalOptions.seed})
  --rate R          daily mean events/s of event time (default ${defaultEvalOptions.rate})
  --days D          simulated days of incident-free traffic (default ${defaultEvalOptions.normalMinutes / 1440})
  --incidents N     incidents per type (default ${defaultEvalOptions.incidentsPerType})
  --manifest PATH   score a manifest of ./ecom generate --manifest instead (its kpiMinute and incidents)
  --json            print the report as JSON
  --full            through the real pipeline (Kafka, Spark, loader): not available yet`;

const number = (name: string, value: string | undefined, fallback: number, min: number): number => {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < min)
    throw new EcomError(errorCodes.usage, `--${name} ${value} must be a number >= ${min}`, {
      fix: evalUsage,
    });
  return n;
};

const pct = (v: number | null) => (v === null ? "n/a" : v.toFixed(3));
const min = (v: number | null) => (v === null ? "n/a" : v.toFixed(2));

export function printEvalReport(report: EvalReport): void {
  const rows = [...report.byType, { type: "all incidents", ...report.overall }].map((t) => [
    t.type,
    String(t.incidents),
    String(t.detected),
    pct(t.recall),
    `${t.truePositives}/${t.alerts}`,
    pct(t.precision),
    min(t.medianDelayMinutes),
  ]);
  ui.out(
    ui.table(
      ["incident type", "incidents", "detected", "recall", "alerts ok", "precision", "median delay (min)"],
      rows,
    ),
  );
  const n = report.normal;
  ui.out(
    `incident-free: ${n.days.toFixed(2)} simulated days, ${n.falseAlerts} false alerts = ${min(n.falseAlertsPerDay)} per day`,
  );
  for (const a of report.falseAlerts.slice(0, 10))
    ui.out(`  false alert (${a.run}): ${new Date(a.openedMs).toISOString()} ${a.message}`);
  ui.out(
    `targets: recall >= ${targets.recall}, precision >= ${targets.precision}, median delay <= ${targets.medianDelayMinutes} min, <= ${targets.falseAlertsPerDay} false alert/day`,
  );
  ui.out(report.pass ? "PASS" : `FAIL: ${report.failures.join("; ")}`);
}

/** `./ecom eval detector …`. */
export async function evalCommand(config: EcomConfig, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      seed: { type: "string" },
      rate: { type: "string" },
      days: { type: "string" },
      incidents: { type: "string" },
      manifest: { type: "string" },
      json: { type: "boolean", default: false },
      full: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    ui.out(evalUsage);
    return 0;
  }
  if (positionals[0] !== "detector")
    throw new EcomError(errorCodes.usage, "eval needs a subject: detector", {
      fix: "run ./ecom eval detector",
    });
  if (values.full)
    throw new EcomError(errorCodes.usage, "--full (through the real pipeline) is not available yet", {
      fix: "run ./ecom eval detector (the fast variant on the generator's expected KPI series)",
    });
  let runs: ReturnType<typeof evalRuns>;
  if (values.manifest) {
    let manifest: ManifestLike;
    try {
      manifest = JSON.parse(readFileSync(values.manifest, "utf8")) as ManifestLike;
    } catch (error) {
      throw new EcomError(errorCodes.usage, `cannot read manifest ${values.manifest}`, {
        cause: error,
        fix: "write one with ./ecom generate --manifest PATH",
      });
    }
    if (!Array.isArray(manifest.kpiMinute) || !Array.isArray(manifest.incidents))
      throw new EcomError(errorCodes.usage, `${values.manifest} has no kpiMinute or incidents`, {
        fix: "use a manifest written by ./ecom generate --manifest PATH",
      });
    runs = [runFromManifest(values.manifest, manifest)];
  } else {
    const options = {
      seed: number("seed", values.seed, defaultEvalOptions.seed, 0),
      rate: number("rate", values.rate, defaultEvalOptions.rate, 0.1),
      normalMinutes: Math.round(
        number("days", values.days, defaultEvalOptions.normalMinutes / 1440, 0.1) * 1440,
      ),
      incidentsPerType: number("incidents", values.incidents, defaultEvalOptions.incidentsPerType, 1),
    };
    ui.step("generating labelled runs (cached after the first time)…");
    runs = evalRuns(options, evalCacheDir(config));
  }
  ui.step(`judging ${runs.reduce((t, r) => t + r.points.length, 0)} simulated minutes…`);
  const report = evaluateDetector(runs);
  if (values.json) ui.out(JSON.stringify(report, null, 2));
  else printEvalReport(report);
  return report.pass ? 0 : 1;
}
