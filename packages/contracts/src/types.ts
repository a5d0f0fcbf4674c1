import type { EventType, ReasonCode } from "./event-types.js";
import type { FieldName, fieldTable } from "./fields.js";

type Spec = (typeof fieldTable)[number];

/** The field specs an event type requires (distributes over the table's union). */
type SpecFor<S, T extends EventType> = S extends { requiredFor: infer R }
  ? R extends "all"
    ? S
    : R extends readonly (infer E)[]
      ? T extends E
        ? S
        : never
      : never
  : never;

type ValueOf<S, T extends EventType> = S extends { name: "event_type" }
  ? T
  : S extends { name: "schema_version" }
    ? 1
    : S extends { rule: { kind: "enum"; values: readonly (infer V)[] } }
      ? V
      : S extends { type: "string" }
        ? string
        : number;

/** A valid event of one type: exactly the fields its type requires (derived from the field table). */
export type EventOf<T extends EventType> = { [S in SpecFor<Spec, T> as S["name"]]: ValueOf<S, T> };

/** A valid events-v1 event, discriminated by event_type. */
export type EcomEvent = { [T in EventType]: EventOf<T> }[EventType];

export type PageViewEvent = EventOf<"page_view">;
export type PurchaseEvent = EventOf<"purchase">;

export type ValidationResult =
  | {
      ok: true;
      event: EcomEvent /** event time, epoch milliseconds (sub-ms digits dropped) */;
      eventTimeMs: number;
    }
  | {
      ok: false;
      reason: ReasonCode /** the offending field; null for invalid_json */;
      field: FieldName | null;
    };
