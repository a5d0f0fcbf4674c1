import { randomInt } from "node:crypto";
import { type ReasonCode, reasonCodes } from "@ecomstream/contracts";
import { parseIncident } from "./incidents.js";
import { defaultOptions, type GeneratorOptions, GeneratorOptionsError } from "./options.js";

const valueFlags = new Set([
  "count",
  "rate",
  "duration",
  "seed",
  "start",
  "speed",
  "invalid-ratio",
  "invalid",
  "duplicate-ratio",
  "late-ratio",
  "late-min",
  "late-max",
  "incident",
  "manifest",
  "topic",
  "bootstrap",
  "compression",
]);

/**
 * Parses the generator's command line (`--flag value` or `--flag=value`) over `base`, checking
 * every value; throws one GeneratorOptionsError listing every problem.
 */
export function parseGeneratorArgs(
  argv: readonly string[],
  base: GeneratorOptions = defaultOptions(),
): GeneratorOptions {
  const o: GeneratorOptions = { ...base, invalid: { ...base.invalid }, incidents: [...base.incidents] };
  const problems: string[] = [];
  const perReason: Partial<Record<ReasonCode, number>> = {};
  let invalidRatio: number | undefined;

  const num = (
    flag: string,
    text: string,
    check: (n: number) => boolean,
    want: string,
  ): number | undefined => {
    const n = Number(text);
    if (text.trim() === "" || !Number.isFinite(n) || !check(n)) {
      problems.push(`--${flag} ${text}: must be ${want}`);
      return undefined;
    }
    return n;
  };
  const ratio = (flag: string, text: string) =>
    num(flag, text, (n) => n >= 0 && n <= 1, "a ratio from 0 to 1");
  const positiveInt = (flag: string, text: string) =>
    num(flag, text, (n) => Number.isInteger(n) && n > 0, "a positive integer");

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === "--no-progress") {
      o.progress = "off";
      continue;
    }
    if (arg === "--flat") {
      o.flat = true;
      continue;
    }
    const m = /^--([a-z-]+)(?:=(.*))?$/s.exec(arg);
    if (!m || !valueFlags.has(m[1] as string)) {
      problems.push(`unknown option ${arg}`);
      continue;
    }
    const flag = m[1] as string;
    let value = m[2];
    if (value === undefined) {
      value = argv[i + 1];
      i++;
      if (value === undefined) {
        problems.push(`--${flag} needs a value`);
        continue;
      }
    }
    switch (flag) {
      case "count":
        o.count = positiveInt(flag, value) ?? o.count;
        break;
      case "rate":
        o.rate =
          value === "max"
            ? "max"
            : (num(flag, value, (n) => n > 0, "events per second > 0, or max") ?? o.rate);
        break;
      case "duration":
        o.durationSec = num(flag, value, (n) => n > 0, "seconds > 0") ?? o.durationSec;
        break;
      case "seed":
        // `random`: a seed drawn for this run (a restarted generator must not send the event_ids again)
        if (value === "random") {
          o.seed = randomInt(0, 0x100000000);
          break;
        }
        o.seed =
          num(
            flag,
            value,
            (n) => Number.isInteger(n) && n >= 0 && n <= 0xffffffff,
            "an integer from 0 to 4294967295, or random",
          ) ?? o.seed;
        break;
      case "start": {
        const ms = /^\d{4}-\d{2}-\d{2}T/.test(value) ? Date.parse(value) : Number.NaN;
        if (Number.isNaN(ms))
          problems.push(`--start ${value}: must be an ISO-8601 instant, e.g. 2024-03-10T00:00:00Z`);
        else o.startMs = ms;
        break;
      }
      case "speed":
        o.speed = num(flag, value, (n) => n > 0 && n <= 100_000, "a factor from >0 to 100000") ?? o.speed;
        break;
      case "invalid-ratio":
        invalidRatio = ratio(flag, value);
        break;
      case "invalid": {
        const [reason, share] = value.split("=");
        if (!(reasonCodes as readonly string[]).includes(reason ?? "") || share === undefined)
          problems.push(
            `--invalid ${value}: must be REASON=RATIO with REASON one of ${reasonCodes.join(", ")}`,
          );
        else {
          const r = ratio(flag, share);
          if (r !== undefined) perReason[reason as ReasonCode] = r;
        }
        break;
      }
      case "duplicate-ratio":
        o.duplicateRatio = ratio(flag, value) ?? o.duplicateRatio;
        break;
      case "late-ratio":
        o.lateRatio = ratio(flag, value) ?? o.lateRatio;
        break;
      case "late-min":
        o.lateMinSec = num(flag, value, (n) => n >= 0, "seconds >= 0") ?? o.lateMinSec;
        break;
      case "late-max":
        o.lateMaxSec = num(flag, value, (n) => n >= 0, "seconds >= 0") ?? o.lateMaxSec;
        break;
      case "incident": {
        const incident = parseIncident(value);
        if (incident) o.incidents.push(incident);
        else
          problems.push(
            `--incident ${value}: must be TYPE@START+DURATION (seconds), e.g. checkout_outage@300+120`,
          );
        break;
      }
      case "manifest":
        o.manifestPath = value;
        break;
      case "topic":
        if (!/^[A-Za-z0-9._-]{1,249}$/.test(value))
          problems.push(`--topic ${value}: not a valid Kafka topic name`);
        else o.topic = value;
        break;
      case "bootstrap":
        if (!/^[A-Za-z0-9.\-_[\]:]+:\d{1,5}(,[A-Za-z0-9.\-_[\]:]+:\d{1,5})*$/.test(value))
          problems.push(`--bootstrap ${value}: must be host:port[,host:port…]`);
        else o.bootstrap = value;
        break;
      case "compression":
        if (!["none", "gzip", "snappy", "lz4"].includes(value))
          problems.push(`--compression ${value}: must be none, gzip, snappy or lz4`);
        else o.compression = value as GeneratorOptions["compression"];
        break;
    }
  }
  if (invalidRatio !== undefined)
    for (const r of reasonCodes) o.invalid[r] = invalidRatio / reasonCodes.length;
  Object.assign(o.invalid, perReason);
  const faultTotal = Object.values(o.invalid).reduce((a, b) => a + b, 0) + o.duplicateRatio + o.lateRatio;
  if (faultTotal > 0.9)
    problems.push(
      `invalid + duplicate + late ratios add up to ${faultTotal.toFixed(3)}; keep them under 0.9`,
    );
  if (o.lateMinSec > o.lateMaxSec)
    problems.push(`--late-min ${o.lateMinSec} is above --late-max ${o.lateMaxSec}`);
  if (problems.length > 0) throw new GeneratorOptionsError(problems);
  return o;
}
