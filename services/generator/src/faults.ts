import {
  type EcomEvent,
  type FieldSpec,
  formatEventTs,
  type ReasonCode,
  requiredFields,
} from "@ecomstream/contracts";
import type { Rng } from "./rng.js";

/** An invalid record made from a valid event: its raw text and the verdict the contract must give. */
export interface Corruption {
  value: string;
  reason: ReasonCode;
  field: string | null;
}

const wrongTypeFor = (spec: FieldSpec, rng: Rng): unknown => {
  if (spec.type === "string") return rng.pick([42, true, ["x"], { v: 1 }]);
  if (spec.type === "integer") return rng.pick([2.5, "2", "1"]);
  return rng.pick(["12.50", true, [1]]);
};

const badEnum: Record<string, readonly string[]> = {
  event_type: ["refund", "PageView", "page-view"],
  device: ["smart_tv", "Mobile", "watch"],
  currency: ["JPY", "usd", "BTC"],
  country: ["usa", "U", "D3", "de"],
};

function badValue(spec: FieldSpec, rng: Rng): unknown {
  const rule = spec.rule;
  if (rule.kind === "nonEmpty") return "";
  if (rule.kind !== "range") throw new Error(`${spec.name} has no value rule`);
  if (rule.max !== undefined && rng.chance(0.5)) return rule.max + rng.int(1, 5000);
  return rule.minExclusive ? rule.min - rng.int(0, 100) : rule.min - rng.int(1, 100);
}

const badTimestamps = [
  "2024-02-30T10:00:00Z",
  "yesterday",
  "2024-03-10 10:00:00",
  "1710072000",
  "",
  "2024-03-10T25:00:00Z",
  "2024-03-10T10:00:00",
];

/** Rewrites one field of `event` so that it fails exactly with `reason` (at ingest time `ingestMs`). */
export function corrupt(event: EcomEvent, reason: ReasonCode, ingestMs: number, rng: Rng): Corruption {
  const fields = requiredFields(event.event_type);
  const record: Record<string, unknown> = { ...event };
  const applicable = (test: (f: FieldSpec) => boolean) => fields.filter(test);
  let field: FieldSpec;
  switch (reason) {
    case "invalid_json": {
      const text = JSON.stringify(record);
      const value = rng.pick([
        text.slice(0, rng.int(1, text.length - 1)),
        `[${text}]`,
        "",
        "null",
        `${text}}`,
        text.replace(/"/g, "'"),
      ]);
      return { value, reason, field: null };
    }
    case "missing_field":
      field = rng.pick(fields);
      if (rng.chance(0.5)) delete record[field.name];
      else record[field.name] = null;
      break;
    case "invalid_type":
      field = rng.pick(fields);
      record[field.name] = wrongTypeFor(field, rng);
      break;
    case "invalid_enum":
      field = rng.pick(applicable((f) => f.rule.kind === "enum" || f.rule.kind === "country"));
      record[field.name] = rng.pick(badEnum[field.name] as readonly string[]);
      break;
    case "invalid_value":
      field = rng.pick(applicable((f) => f.rule.kind === "nonEmpty" || f.rule.kind === "range"));
      record[field.name] = badValue(field, rng);
      break;
    case "invalid_timestamp":
      field = applicable((f) => f.rule.kind === "timestamp")[0] as FieldSpec;
      record.event_ts = rng.pick(badTimestamps);
      break;
    case "future_timestamp":
      field = applicable((f) => f.rule.kind === "timestamp")[0] as FieldSpec;
      record.event_ts = formatEventTs(ingestMs + rng.int(301, 7200) * 1000);
      break;
    case "unsupported_schema_version":
      field = applicable((f) => f.rule.kind === "version")[0] as FieldSpec;
      record.schema_version = rng.pick([0, 2, 3]);
      break;
  }
  return { value: JSON.stringify(record), reason, field: field.name };
}
