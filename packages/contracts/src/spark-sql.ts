import { maxFutureSkewMs, type ReasonCode, reasonCodes } from "./event-types.js";
import { type FieldSpec, fieldTable } from "./fields.js";
import { timestampPattern } from "./timestamp.js";

/**
 * Spark SQL (4.x) that computes, per raw record, the first quarantine reason and field in the
 * spec's order: the same answers as `validateRecord` (tested against a real Spark). JSON types are
 * read as VARIANTs, so 2.5 vs 2 vs "2" stay distinguishable.
 *
 * Whether the record is one JSON object is one strict parse of the whole text by the contract's
 * JVM function (`infra/spark/udf`, called through `reflect`): Spark's own JSON readers stop after
 * the first value and ignore whatever follows it.
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
}

/** Prefix of every helper column the stages add; `sparkValidationSql` drops them at the end. */
export const sparkInternalPrefix = "__ecom_";
const p = sparkInternalPrefix;
/** The JVM class and static method that judge "one JSON object" (`infra/spark/udf`). */
export const strictJsonFunction = {
  className: "dev.ecomstream.spark.StrictJson",
  method: "isObject",
} as const;

/** A Spark SQL string literal (backslash escapes on, Spark's default). */
export function sqlString(text: string): string {
  return `'${text.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
}

/** A Java regex for RLIKE matching the whole string (`$` would also match before a final newline). */
function strictRegex(pattern: string): string {
  return sqlString(pattern.replace(/\$$/, "\\z"));
}

const col = (kind: string, f: FieldSpec | string) => `${p}${kind}_${typeof f === "string" ? f : f.name}`;
/** schema_of_variant names a JSON number TINYINT … BIGINT, FLOAT, DOUBLE or DECIMAL(p,s). */
const numericKind = (f: FieldSpec) =>
  `(${col("k", f)} IN ('TINYINT', 'SMALLINT', 'INT', 'BIGINT', 'FLOAT', 'DOUBLE') OR startswith(${col("k", f)}, 'DECIMAL'))`;
const inList = (values: readonly string[]) => values.map(sqlString).join(", ");

/**
 * SQL that is true when the record's type requires `f` (false when event_type is not a string of
 * the list): a column the stages compute once per record.
 */
export function sparkRequiredExpr(f: FieldSpec): string {
  return f.requiredFor === "all" ? "TRUE" : col("r", f);
}

function typeOk(f: FieldSpec): string {
  if (f.type === "string") return `${col("k", f)} = 'STRING'`;
  if (f.type === "number") return numericKind(f);
  const n = col("n", f);
  return `(${numericKind(f)} AND (${n} % 1 = 0 OR isnan(${n} % 1)))`;
}

/** The SQL condition under which `f` fails `reason` (already knowing earlier reasons passed), or null. */
function failure(reason: ReasonCode, f: FieldSpec, ingest: string): string | null {
  const r = f.rule;
  const s = col("s", f);
  const n = col("n", f);
  switch (reason) {
    case "missing_field":
      return `${col("k", f)} = 'null'`;
    case "invalid_type":
      return `NOT ${typeOk(f)}`;
    case "invalid_enum":
      if (r.kind === "enum") return `NOT (${s} IN (${inList(r.values)}))`;
      return r.kind === "country" ? `NOT (${s} RLIKE ${strictRegex("^[A-Z]{2}$")})` : null;
    case "invalid_value":
      if (r.kind === "nonEmpty") return `length(${s}) = 0`;
      if (r.kind !== "range") return null;
      // a number beyond a double's range reads as ±Infinity: out of every range
      return `NOT (${n} ${r.minExclusive ? ">" : ">="} ${r.min} AND abs(${n}) < double('Infinity')${r.max === undefined ? "" : ` AND ${n} <= ${r.max}`})`;
    case "invalid_timestamp":
      return r.kind === "timestamp" ? `${p}ts IS NULL` : null;
    case "future_timestamp":
      return r.kind === "timestamp"
        ? `${p}ts > ${ingest} + INTERVAL ${maxFutureSkewMs / 1000} SECONDS`
        : null;
    case "unsupported_schema_version":
      return r.kind === "version" ? `${n} <> ${r.equals}` : null;
    case "invalid_json":
      return null;
  }
}

/** A field's value as Spark's JSON reader reads it: strings, and numbers as doubles. */
const valueType = (f: FieldSpec) => (f.type === "string" ? "STRING" : "DOUBLE");

/** DDL of a struct of the fields, for from_json. */
function jsonFieldsDdl(fields: readonly FieldSpec[], type: (f: FieldSpec) => string): string {
  return fields.map((f) => `\`${f.name}\` ${type(f)}`).join(", ");
}

/** Ordered (condition, reason, field) branches of the verdict, first match wins. */
function verdictBranches(
  ingest: string,
  fields: readonly FieldSpec[],
): Array<[string, ReasonCode, string | null]> {
  const branches: Array<[string, ReasonCode, string | null]> = [[`${p}ok IS NULL`, "invalid_json", null]];
  for (const reason of reasonCodes) {
    for (const f of fields) {
      const cond = failure(reason, f, ingest);
      if (cond === null) continue;
      const req = sparkRequiredExpr(f);
      branches.push([req === "TRUE" ? cond : `${req} AND ${cond}`, reason, f.name]);
    }
  }
  return branches;
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
  const branches = verdictBranches(ingest, fields);
  const optional = fields.filter((f) => f.requiredFor !== "all");
  const required = (f: FieldSpec, expr: string) =>
    f.requiredFor === "all" ? expr : `CASE WHEN ${col("r", f)} THEN ${expr} END`;
  const pickOf = (pick: (b: [string, ReasonCode, string | null]) => string | null) =>
    `CASE WHEN ${p}b IS NOT NULL THEN element_at(array(${branches.map((b) => (pick(b) === null ? "CAST(NULL AS STRING)" : sqlString(pick(b) as string))).join(", ")}), ${p}b) END`;
  return [
    [`${raw} AS ${p}raw`],
    // one strict parse of the whole text: one JSON object and nothing after it
    [
      `CASE WHEN reflect(${sqlString(strictJsonFunction.className)}, ${sqlString(strictJsonFunction.method)}, ${p}raw) = 'true' ` +
        `THEN TRUE END AS ${p}ok`,
    ],
    // a valid record is one JSON object: Spark's JSON reader reads its fields in one pass, each
    // field once as a variant (for its JSON type) and once typed (for its value)
    [
      `CASE WHEN ${p}ok THEN from_json(${p}raw, ${sqlString(jsonFieldsDdl(fields, () => "VARIANT"))}) END AS ${p}fv`,
      `CASE WHEN ${p}ok THEN from_json(${p}raw, ${sqlString(jsonFieldsDdl(fields, valueType))}) END AS ${p}j`,
    ],
    // the event type decides which fields are judged at all (a string not in a list is no type)
    optional.map(
      (f) =>
        `coalesce(${p}j.event_type IN (${inList(f.requiredFor as readonly string[])}), FALSE) AS ${col("r", f)}`,
    ),
    fields.map((f) => `${required(f, `${p}fv.${f.name}`)} AS ${col("f", f)}`),
    fields.map(
      (f) =>
        `CASE WHEN ${col("f", f)} IS NULL OR is_variant_null(${col("f", f)}) THEN 'null' ` +
        `ELSE schema_of_variant(${col("f", f)}) END AS ${col("k", f)}`,
    ),
    // the variant's own cast stays the fallback (a number beyond a double, partial results off)
    fields.map((f) =>
      f.type === "string"
        ? `CASE WHEN ${col("k", f)} = 'STRING' THEN coalesce(${p}j.${f.name}, variant_get(${col("f", f)}, '$', 'string')) END AS ${col("s", f)}`
        : `CASE WHEN ${numericKind(f)} THEN coalesce(${p}j.${f.name}, try_variant_get(${col("f", f)}, '$', 'double')) END AS ${col("n", f)}`,
    ),
    [
      `CASE WHEN ${col("s", "event_ts")} RLIKE ${strictRegex(timestampPattern)} ` +
        `THEN try_cast(${col("s", "event_ts")} AS TIMESTAMP) END AS ${p}ts`,
    ],
    // the first failing branch, once; reason and field are read from it
    [`CASE ${branches.map((b, i) => `WHEN ${b[0]} THEN ${i + 1}`).join(" ")} END AS ${p}b`],
    [`${pickOf((b) => b[1])} AS reason`, `${pickOf((b) => b[2])} AS field`],
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
