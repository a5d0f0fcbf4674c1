import { type FieldSpec, silverColumns, sparkValidationSql } from "@ecomstream/contracts";

/**
 * The contract's verdict as bronze stores it beside each raw record (column `verdict`, judged once
 * on the way in): `reason` and `field` (NULL when valid), then silver's typed columns (NULL when
 * invalid; `hour` is the event's UTC hour). Silver and quarantine copy it; reconcile judges the raw
 * value again and compares.
 */
export const verdictColumns: readonly string[] = ["reason", "field", ...silverColumns.map((c) => c.name)];

/** Spark DDL of the `verdict` struct. */
export const verdictDdl = `STRUCT<reason: STRING, field: STRING, ${silverColumns
  .map((c) => `${c.name}: ${c.sparkType}`)
  .join(", ")}>`;

/** Bronze's own columns and their Spark types, in table order (the verdict follows them). */
export const bronzeRecordTypes = {
  key: "STRING",
  value: "STRING",
  topic: "STRING",
  partition: "INT",
  offset: "BIGINT",
  kafka_timestamp: "TIMESTAMP",
  ingest_ts: "TIMESTAMP",
  ingest_date: "DATE",
  hour: "INT",
} as const;

/** Bronze's own columns, in table order. */
export const bronzeRecordColumns = Object.keys(bronzeRecordTypes) as ReadonlyArray<
  keyof typeof bronzeRecordTypes
>;

/**
 * Bronze-shaped rows of `source` (a view or parenthesised query with `bronzeRecordColumns`; `hour`
 * its ingest hour) judged by the contract: the value read as bytes, judged at its Kafka time. Every
 * source column is kept (`hour` renamed `ingest_hour`), then `reason`, `field` and the typed silver
 * columns. `extraColumns` carries more of the source's columns through; `judgeWhen` judges only
 * the rows it holds for (see `sparkValidationSql`); `fields` judges with a variant of the rules.
 */
export function judgedBronzeSql(
  source: string,
  options: { extraColumns?: readonly string[]; judgeWhen?: string; fields?: readonly FieldSpec[] } = {},
): string {
  const columns = bronzeRecordColumns.map((c) => (c === "hour" ? "hour AS ingest_hour" : c));
  const inner =
    `(SELECT ${[...columns, ...(options.extraColumns ?? [])].join(", ")}, ` +
    `CAST(value AS BINARY) AS value_bytes FROM ${source})`;
  return sparkValidationSql(inner, {
    valueColumn: "value_bytes",
    valueIsBinary: true,
    ingestTsColumn: "kafka_timestamp",
    ...(options.judgeWhen ? { judgeWhen: options.judgeWhen } : {}),
    ...(options.fields ? { fields: options.fields } : {}),
  });
}

/** `named_struct(...) AS verdict` over judged rows' `verdictColumns`. */
export const verdictStruct = `named_struct(${verdictColumns.map((c) => `'${c}', ${c}`).join(", ")}) AS verdict`;

/**
 * Bronze's rows as bronze-writer commits them, from bronze-shaped rows of `source` without a
 * verdict: its columns, then the verdict the contract gives each record.
 */
export function bronzeWithVerdictSql(source: string): string {
  const columns = bronzeRecordColumns.map((c) => (c === "hour" ? "ingest_hour AS hour" : c));
  return `SELECT ${columns.join(", ")}, ${verdictStruct} FROM (${judgedBronzeSql(source)})`;
}

/**
 * Bronze's rows of `source` (with their stored `verdict`) as judged rows (`judgedBronzeSql`'s
 * columns), each with the verdict bronze stored, without reading the record again; rows bronze
 * stored no verdict for (committed before bronze judged) are judged here.
 */
export function storedVerdictSql(source: string): string {
  const columns = bronzeRecordColumns.map((c) => (c === "hour" ? "ingest_hour" : c));
  const judged = judgedBronzeSql(source, {
    extraColumns: ["verdict AS stored_verdict"],
    judgeWhen: "stored_verdict IS NULL",
  });
  return (
    `SELECT ${columns.join(", ")}, value_bytes, ` +
    verdictColumns
      .map((c) => `CASE WHEN stored_verdict IS NULL THEN ${c} ELSE stored_verdict.${c} END AS ${c}`)
      .join(", ") +
    ` FROM (${judged})`
  );
}
