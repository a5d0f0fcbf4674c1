import { type ReconcileReport, reconcile, type TimeRange } from "@ecomstream/reconcile";
import { type EcomConfig, EcomError, errorCodes } from "@ecomstream/runtime";
import { SparkSession } from "@ecomstream/spark-connect";
import { ui } from "../ui.js";

export function parseTime(name: string, value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) {
    throw new EcomError(errorCodes.usage, `--${name} ${value} is not a time`, {
      fix: `use ISO-8601, e.g. --${name} 2026-11-25T10:00:00Z`,
    });
  }
  return date;
}

export function printReport(report: ReconcileReport): void {
  const rows = report.checks.map((c) => [
    c.ok ? "ok" : "MISMATCH",
    c.check,
    String(c.expected),
    String(c.actual),
  ]);
  ui.out(ui.table(["result", "check", "expected", "actual"], rows));
  ui.out(
    `bronze ${report.counts.bronze} = silver ${report.counts.silver} + quarantine ` +
      `${[...report.counts.quarantineByReason.values()].reduce((a, b) => a + b, 0)} + duplicates ${report.duplicates}` +
      ` · gold minutes ${report.counts.goldMinutes}`,
  );
}

/**
 * `./ecom reconcile [--from --to] [--wait S]`: the pipeline's books; non-zero exit on any mismatch.
 * With --wait it re-checks until the books balance or the time is up (for a pipeline still draining).
 */
export async function reconcileCommand(
  config: EcomConfig,
  options: { from?: string; to?: string; wait?: string },
): Promise<number> {
  const range: TimeRange = {};
  const from = parseTime("from", options.from);
  const to = parseTime("to", options.to);
  if (from) range.from = from;
  if (to) range.to = to;
  const waitMs = Number(options.wait ?? 0) * 1000;
  if (!Number.isFinite(waitMs) || waitMs < 0) {
    throw new EcomError(errorCodes.usage, `--wait ${options.wait} is not a number of seconds`, {
      fix: "e.g. --wait 120",
    });
  }
  const deadline = Date.now() + waitMs;
  const session = await SparkSession.connect(config.spark.remote);
  try {
    for (;;) {
      const report = await reconcile(session, config, range);
      if (report.ok || Date.now() >= deadline) {
        printReport(report);
        return report.ok ? 0 : 1;
      }
      ui.step(`not balanced yet (${report.checks.filter((c) => !c.ok).length} checks); checking again…`);
      await new Promise((resolve) => setTimeout(resolve, 5000));
    }
  } finally {
    await session.close();
  }
}
