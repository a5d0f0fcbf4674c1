import { isEventType, maxFutureSkewMs, type ReasonCode, reasonCodes } from "./event-types.js";
import { commonFields, type FieldName, type FieldSpec, requiredFields } from "./fields.js";
import { decodeUtf8, parseJsonObject } from "./strict-json.js";
import { type EventInstant, isAfter, parseEventTs } from "./timestamp.js";
import type { EcomEvent, ValidationResult } from "./types.js";

type Check = (value: unknown, spec: FieldSpec, ctx: Context) => boolean;
interface Context {
  ingestMs: number;
  instant: EventInstant | null;
}

function isTypeOk(value: unknown, spec: FieldSpec): boolean {
  if (spec.type === "string") return typeof value === "string";
  if (typeof value !== "number") return false;
  // Numbers beyond a double's range parse as ±Infinity: they have no fraction, so are integers.
  return spec.type === "number" || Number.isInteger(value) || !Number.isFinite(value);
}

function isEnumOk(value: unknown, spec: FieldSpec): boolean {
  const rule = spec.rule;
  if (rule.kind === "enum") return rule.values.includes(value as string);
  if (rule.kind === "country") return /^[A-Z]{2}$/.test(value as string);
  return true;
}

function isValueOk(value: unknown, spec: FieldSpec): boolean {
  const rule = spec.rule;
  if (rule.kind === "nonEmpty") return (value as string).length > 0;
  if (rule.kind !== "range") return true;
  const n = value as number;
  // a number beyond a double's range parses as ±Infinity: out of every range
  if (!Number.isFinite(n)) return false;
  if (rule.minExclusive ? !(n > rule.min) : !(n >= rule.min)) return false;
  return rule.max === undefined || n <= rule.max;
}

/** One check per reason after invalid_json, in the spec's order; each returns true when it FAILS. */
const checks: ReadonlyArray<[ReasonCode, Check]> = [
  ["missing_field", (v) => v === undefined || v === null],
  ["invalid_type", (v, s) => !isTypeOk(v, s)],
  ["invalid_enum", (v, s) => !isEnumOk(v, s)],
  ["invalid_value", (v, s) => !isValueOk(v, s)],
  ["invalid_timestamp", (_v, s, ctx) => s.rule.kind === "timestamp" && ctx.instant === null],
  [
    "future_timestamp",
    (_v, s, ctx) =>
      s.rule.kind === "timestamp" &&
      ctx.instant !== null &&
      isAfter(ctx.instant, ctx.ingestMs, maxFutureSkewMs),
  ],
  ["unsupported_schema_version", (v, s) => s.rule.kind === "version" && v !== s.rule.equals],
];

/**
 * Validates one raw Kafka record value against events v1: the first quarantine reason in the
 * spec's order, and within it the first field in table order. `ingestTime` is the Kafka record
 * timestamp. Fields not required for the record's type are not looked at.
 */
export function validateRecord(rawValue: string | Uint8Array | null, ingestTime: Date): ValidationResult {
  const text = rawValue === null ? null : typeof rawValue === "string" ? rawValue : decodeUtf8(rawValue);
  const record = text === null ? null : parseJsonObject(text);
  if (record === null) return { ok: false, reason: "invalid_json", field: null };

  const get = (name: string): unknown => (Object.hasOwn(record, name) ? record[name] : undefined);
  const eventType = get("event_type");
  // When event_type is outside its set, only the all-type fields are checked (invalid_enum follows).
  const fields = isEventType(eventType) ? requiredFields(eventType) : commonFields;
  const ts = get("event_ts");
  const ctx: Context = {
    ingestMs: ingestTime.getTime(),
    instant: typeof ts === "string" ? parseEventTs(ts) : null,
  };
  for (const [reason, fails] of checks) {
    for (const spec of fields) {
      if (fails(get(spec.name), spec, ctx)) return { ok: false, reason, field: spec.name as FieldName };
    }
  }
  const event: Record<string, unknown> = {};
  for (const spec of fields) event[spec.name] = get(spec.name);
  return { ok: true, event: event as EcomEvent, eventTimeMs: (ctx.instant as EventInstant).epochMs };
}

/** The reason codes in order, with their 1-based rank (for sorting and reports). */
export function reasonRank(reason: ReasonCode): number {
  return reasonCodes.indexOf(reason) + 1;
}
