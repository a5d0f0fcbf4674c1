import { parseArgs } from "node:util";
import { type ReplayedLayer, replayRange } from "@ecomstream/lake";
import { checkpointOf } from "@ecomstream/lake-model";
import { type EcomConfig, EcomError, errorCodes } from "@ecomstream/runtime";
import { quarantineQueryName, silverQueryName } from "@ecomstream/silver-writer";
import { ui } from "../ui.js";
import { withSilverAndQuarantine } from "./lake-run.js";
import { parseTime } from "./reconcile.js";

const help = `usage: ./ecom replay --from T --to T

Rebuilds silver (event-time hours) and quarantine (ingest-time hours) of every hour overlapping
[from, to) from bronze with the current contract, each table in one Delta commit, then restates
gold for those hours; the loader carries the restated minutes to serving. Safe with the pipeline
running: it reads bronze as of the version silver-writer's queries have put into silver and
quarantine, and leaves newer bronze commits to them. Running it again changes nothing.
  --from, --to   ISO-8601 times, e.g. 2026-11-25T10:00:00Z`;

const row = (r: ReplayedLayer) => [
  r.layer,
  String(r.partitions),
  r.rowsBefore === null ? "unreadable" : String(r.rowsBefore),
  String(r.rowsAfter),
  String(r.filesRemoved),
  String(r.filesAdded),
  String(r.version),
  String(r.bronzeVersion),
];

/** `./ecom replay --from --to`. */
export async function replayCommand(config: EcomConfig, args: readonly string[]): Promise<number> {
  const { values } = parseArgs({
    args: [...args],
    options: {
      from: { type: "string" },
      to: { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    ui.out(help);
    return 0;
  }
  const from = parseTime("from", values.from);
  const to = parseTime("to", values.to);
  if (!from || !to) {
    throw new EcomError(errorCodes.usage, "replay needs --from and --to", {
      fix: "e.g. ./ecom replay --from 2026-11-25T10:00:00Z --to 2026-11-25T12:00:00Z",
    });
  }
  const consumer = (name: string) => ({ name, checkpoint: checkpointOf(config.checkpoints.uri, name) });
  const report = await withSilverAndQuarantine(config, (run) =>
    replayRange(run.session, run.store, run.specs, {
      from: from.getTime(),
      to: to.getTime(),
      consumers: { silver: consumer(silverQueryName), quarantine: consumer(quarantineQueryName) },
      restateGold: run.restateGold,
    }),
  );
  ui.out(
    ui.table(
      [
        "layer",
        "partitions",
        "rows before",
        "rows after",
        "files removed",
        "files added",
        "version",
        "from bronze version",
      ],
      [row(report.silver), row(report.quarantine)],
    ),
  );
  ui.out(
    `${report.hours.length} hours` +
      (report.bronzeFilesLeft
        ? ` · ${report.bronzeFilesLeft} newer bronze files left to silver-writer`
        : "") +
      ` · gold restated for ${report.goldHours.length} hours`,
  );
  return 0;
}
