import { eventTypes, maxFutureSkewMs, reasonCodes } from "./event-types.js";
import { type FieldSpec, fieldTable } from "./fields.js";

/**
 * Spark SQL (4.x) that computes, per raw record, the first quarantine reason and field in the
 * spec's order: the same answers as `validateRecord` (tested against a real Spark).
 *
 * The verdict is one strict parse of the record by the contract's JVM function
 * (`infra/spark/udf`, `dev.ecomstream.spark.Judge`, called through `reflect`), given the field
 * table below as JSON, so the rules have one source (`fields.ts`): it reads the top-level members
 * in the same pass as it checks the text is one JSON object (Spark's own JSON readers stop after
 * the first value and ignore whatever follows it) and applies every check. Valid records' typed
 * values are then read with one `from_json`.
 */
export interface SparkValidationOptions {
  /** Column holding the raw record value (default `value`). */
  valueColumn?: string;
  /** True when the value column is BINARY (Kafka's): invalid UTF-8 is then `invalid_json`. */
  valueIsBinary?: boolean;
  /** TIMESTAMP column holding the ingest time, i.e. the Kafka record timestamp (default `kafka_timestamp`). */
  ingestTsColumn?: string;
  /**
   * The field table to judge with (default the contract's `fieldTable`): a variant of the rules,
   * e.g. a relaxed rule to re-validate quarantined records with. It must keep the contract's field
   * names and types, since silver's columns derive from them.
   */
  fields?: readonly FieldSpec[];
  /**
   * SQL condition on the source's columns: only rows where it holds are judged; the others get a
   * NULL `reason` and `field` and NULL typed columns, without the record being read (e.g. bronze rows
   * that already carry the verdict bronze-writer stored).
   */
  judgeWhen?: string;
}

/** Prefix of every helper column the stages add; `sparkValidationSql` drops them at the end. */
export const sparkInternalPrefix = "__ecom_";
const p = sparkInternalPrefix;
/** The JVM class and static method that judge a record (`infra/spark/udf`). */
export const judgeFunction = {
  className: "dev.ecomstream.spark.Judge",
  method: "judge",
} as const;

/** A Spark SQL string literal (backslash escapes on, Spark's default). */
export function sqlString(text: string): string {
  return `'${text.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
}

const col = (kind: string, f: FieldSpec | string) => `${p}${kind}_${typeof f === "string" ? f : f.name}`;
const inList = (values: readonly string[]) => values.map(sqlString).join(", ");

/**
 * SQL that is true when the record's type requires `f` (false when event_type is not a string of
 * the list): a column the stages compute once per record.
 */
export function sparkRequiredExpr(f: FieldSpec): string {
  return f.requiredFor === "all" ? "TRUE" : col("r", f);
}

/**
 * The field table as the JVM judge reads it: the reasons in the spec's order (invalid_json, which
 * the parse decides, first), event types, the future skew, each field's type, scope and rule.
 */
export function judgeRulesJson(fields: readonly FieldSpec[] = fieldTable): string {
  return JSON.stringify({
    reasons: reasonCodes.filter((r) => r !== "invalid_json"),
    eventTypes,
    maxFutureSkewMs,
    fields: fields.map((f) => ({ name: f.name, type: f.type, requiredFor: f.requiredFor, rule: f.rule })),
  });
}

/** A field's value as Spark's JSON reader reads it: strings, and numbers as doubles. */
const valueType = (f: FieldSpec) => (f.type === "string" ? "STRING" : "DOUBLE");

/** DDL of a struct of the fields, for from_json. */
function jsonFieldsDdl(fields: readonly FieldSpec[], type: (f: FieldSpec) => string): string {
  return fields.map((f) => `\`${f.name}\` ${type(f)}`).join(", ");
}

/**
 * The validation as successive projections: each inner array holds `expr AS name` items to add
 * to all existing columns (`SELECT *, <items> FROM previous`), in order. The last stage adds
 * `reason` and `field` (both NULL for a valid record).
 */
export function sparkValidationStages(options: SparkValidationOptions = {}): string[][] {
  const value = options.valueColumn ?? "value";
  const ingest = options.ingestTsColumn ?? "kafka_timestamp";
  const raw = options.valueIsBinary
    ? `CASE WHEN is_valid_utf8(${value}) THEN CAST(${value} AS STRING) END`
    : `CAST(${value} AS STRING)`;
  const fields = options.fields ?? (fieldTable as readonly FieldSpec[]);
  const optional = fields.filter((f) => f.requiredFor !== "all");
  const valid = `get(${p}v, 0) = ''`;
  const verdict =
    `split(coalesce(reflect(${sqlString(judgeFunction.className)}, ${sqlString(judgeFunction.method)}, ` +
    `${p}raw, unix_millis(${ingest}), ${sqlString(judgeRulesJson(fields))}), 'invalid_json\t'), '\t')`;
  const guarded = (expr: string) =>
    options.judgeWhen ? `CASE WHEN ${options.judgeWhen} THEN ${expr} END` : expr;
  return [
    // a row not judged is not read either (not even its UTF-8 checked)
    [`${guarded(raw)} AS ${p}raw`],
    // one strict parse and every check: "reason<TAB>field", or "<TAB><TAB>event_ts micros" when valid
    [`${guarded(verdict)} AS ${p}v`],
    // a valid record's typed values, read once
    [
      `CASE WHEN ${valid} THEN from_json(${p}raw, ${sqlString(jsonFieldsDdl(fields, valueType))}) END AS ${p}j`,
      `CASE WHEN ${valid} THEN timestamp_micros(CAST(get(${p}v, 2) AS BIGINT)) END AS ${p}ts`,
    ],
    // the event type decides which fields a valid record carries
    [
      ...optional.map(
        (f) =>
          `coalesce(${p}j.event_type IN (${inList(f.requiredFor as readonly string[])}), FALSE) AS ${col("r", f)}`,
      ),
      ...fields.map((f) => `${p}j.${f.name} AS ${col(f.type === "string" ? "s" : "n", f)}`),
    ],
    [`nullif(get(${p}v, 0), '') AS reason`, `nullif(get(${p}v, 1), '') AS field`],
  ];
}

/** Every internal helper column name the stages create. */
export function sparkInternalColumns(): string[] {
  return sparkValidationStages()
    .flat()
    .map((item) => item.slice(item.lastIndexOf(" AS ") + 4))
    .filter((name) => name.startsWith(p));
}

/** Nests the stages over `source` (a table name or a parenthesised query) into one SELECT. */
export function nestStages(source: string, stages: readonly (readonly string[])[]): string {
  return stages
    .filter((items) => items.length > 0)
    .reduce(
      (inner, items, i) =>
        `SELECT *, ${items.join(", ")} FROM ${i === 0 ? inner : `(${inner})`} AS ${p}s${i}`,
      source,
    );
}
