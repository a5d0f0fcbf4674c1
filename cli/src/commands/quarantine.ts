import { parseArgs } from "node:util";
import { replayQuarantine } from "@ecomstream/lake";
import { type EcomConfig, EcomError, errorCodes } from "@ecomstream/runtime";
import { ui } from "../ui.js";
import { withSilverAndQuarantine } from "./lake-run.js";
import { parseTime } from "./reconcile.js";

const help = `usage: ./ecom quarantine replay --reason R [--from T] [--to T]

Judges the quarantined records of reason R again with the current contract and moves those it now
accepts into silver (once per event_id, a Delta MERGE) and out of quarantine (a second MERGE that
deletes them); gold is restated for their hours. Running it again moves nothing; after a crash
between the two commits it completes the move.
  --reason       a quarantine reason, e.g. invalid_enum
  --from, --to   ISO-8601 ingest times: only quarantine partitions of hours overlapping [from, to)`;

/** `./ecom quarantine replay --reason R [--from --to]`. */
export async function quarantineCommand(config: EcomConfig, args: readonly string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: {
      reason: { type: "string" },
      from: { type: "string" },
      to: { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    ui.out(help);
    return 0;
  }
  if (positionals[0] !== "replay") {
    throw new EcomError(errorCodes.usage, `unknown quarantine command '${positionals[0] ?? ""}'`, {
      fix: "./ecom quarantine replay --reason R [--from T] [--to T]",
    });
  }
  if (!values.reason) {
    throw new EcomError(errorCodes.usage, "quarantine replay needs --reason", {
      fix: "e.g. ./ecom quarantine replay --reason invalid_enum",
    });
  }
  const reason = values.reason;
  const from = parseTime("from", values.from);
  const to = parseTime("to", values.to);
  const report = await withSilverAndQuarantine(config, (run) =>
    replayQuarantine(run.session, run.store, run.specs, {
      reason,
      ...(from ? { from: from.getTime() } : {}),
      ...(to ? { to: to.getTime() } : {}),
      restateGold: run.restateGold,
    }),
  );
  ui.out(
    `${report.reason}: ${report.examined} quarantined records judged again, ${report.passed} now pass and ` +
      `left quarantine (${report.quarantinePartitions} partitions), ${report.moved} new events moved into silver ` +
      `(${report.silverPartitions} partitions), gold restated for ${report.goldHours.length} hours`,
  );
  return 0;
}
