import { type ReasonCode, reasonCodes } from "@ecomstream/contracts";
import { EcomError, errorCodes, loadConfig } from "@ecomstream/runtime";
import { type IncidentSpec, incidentTypes } from "./incidents.js";

export interface GeneratorOptions {
  /** Stop after this many records (all kinds); undefined = no limit. */
  count: number | undefined;
  /** Mean events per second of wall time; "max" = as fast as the broker acknowledges. */
  rate: number | "max";
  /** Stop after this many seconds of wall time; undefined = no limit. */
  durationSec: number | undefined;
  seed: number;
  /** Event-time start (epoch ms); undefined = now when the run starts. */
  startMs: number | undefined;
  /** Event time runs this many times faster than wall time. */
  speed: number;
  /** Constant traffic: no time-of-day curve, so `rate` is the rate at every hour (benchmarks). */
  flat: boolean;
  /** Share of records that are invalid, per reason code. */
  invalid: Record<ReasonCode, number>;
  duplicateRatio: number;
  lateRatio: number;
  lateMinSec: number;
  lateMaxSec: number;
  incidents: IncidentSpec[];
  manifestPath: string | undefined;
  topic: string;
  bootstrap: string;
  compression: "none" | "gzip" | "snappy" | "lz4";
  /** Progress on stderr: "auto" = on a TTY continuously, otherwise every 5 s. */
  progress: "auto" | "off";
}

/** Bad command-line options; lists every problem at once. */
export class GeneratorOptionsError extends EcomError {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(errorCodes.usage, `invalid generator options: ${problems.join("; ")}`, {
      fix: "see `./ecom generate --help`",
    });
    this.name = "GeneratorOptionsError";
    this.problems = problems;
  }
}

export const defaultInvalidRatio = 0.02;
const evenly = (total: number) =>
  Object.fromEntries(reasonCodes.map((r) => [r, total / reasonCodes.length])) as Record<ReasonCode, number>;

export function defaultOptions(): GeneratorOptions {
  let topic = "ecom.events.raw.v1";
  let bootstrap = "localhost:9092";
  try {
    const config = loadConfig();
    topic = config.topic.name;
    bootstrap = config.kafka.bootstrap;
  } catch {
    // A bad environment is reported by the services that need it; the flags can still override.
  }
  return {
    count: undefined,
    rate: 1000,
    durationSec: undefined,
    seed: 42,
    startMs: undefined,
    speed: 1,
    flat: false,
    invalid: evenly(defaultInvalidRatio),
    duplicateRatio: 0.01,
    lateRatio: 0.01,
    lateMinSec: 120,
    lateMaxSec: 1800,
    incidents: [],
    manifestPath: undefined,
    topic,
    bootstrap,
    compression: "lz4",
    progress: "auto",
  };
}

export const usage = `ecom generate [options]
  --count N              stop after N records
  --rate R|max           mean events/s over a day (default 1000), or max; traffic follows the
                         time of day, from 0.55x the mean at 07:00 UTC to 1.45x at 19:00 UTC
  --flat                 the same rate at every hour (no time-of-day curve; benchmarks)
  --duration S           stop after S seconds
  --seed N|random        PRNG seed (default 42); same seed + options + --start = same records;
                         random draws one for this run (the platform's generator uses it, so a
                         restarted generator never sends the same event_ids again)
  --start ISO            event-time start (default: now)
  --speed X              event time runs X times faster than wall time (backfills)
  --invalid-ratio F      share of invalid records, spread over every reason (default 0.02)
  --invalid REASON=F     share for one reason code (repeatable; overrides the spread)
  --duplicate-ratio F    share of re-sent duplicates (default 0.01)
  --late-ratio F         share of late records (default 0.01)
  --late-min S, --late-max S   lateness range in seconds (default 120..1800)
  --incident TYPE@START+DURATION   seconds of event time from the start (repeatable);
                         TYPE: ${incidentTypes.join(", ")}
  --manifest PATH        write the ground-truth manifest (JSON) there at the end
  --topic NAME, --bootstrap HOST:PORT, --compression none|gzip|snappy|lz4, --no-progress`;
