import { type FieldSpec, silverColumns, sparkValidationSql } from "@ecomstream/contracts";
import {
  coordinateColumns,
  judgedBronzeSql,
  quarantineSelect,
  storedVerdictSql,
} from "@ecomstream/lake-model";
import type { DataFrame, SparkSession } from "@ecomstream/spark-connect";

/** The contract's verdict on `source`'s rows: the value as bytes, judged at its Kafka time. */
function judge(session: SparkSession, source: string, fields?: readonly FieldSpec[]): Promise<DataFrame> {
  return session.sql(
    sparkValidationSql(source, {
      valueColumn: "value_bytes",
      valueIsBinary: true,
      ingestTsColumn: "kafka_timestamp",
      ...(fields ? { fields } : {}),
    }),
  );
}

/**
 * Bronze rows judged afresh by the contract's Spark SQL, as bronze-writer judges them: every bronze
 * record column (its partition hour renamed `ingest_hour`), `reason` and `field` (NULL when valid)
 * and the typed silver columns. `fields` judges with a variant of the contract's field table.
 */
export async function judgeBronze(
  session: SparkSession,
  bronzeView: string,
  fields?: readonly FieldSpec[],
): Promise<DataFrame> {
  return session.sql(judgedBronzeSql(bronzeView, fields ? { fields } : {}));
}

/**
 * Bronze rows with the verdict bronze-writer stored (`judgeBronze`'s columns), the records not read
 * again; rows committed before bronze stored verdicts are judged here.
 */
export async function storedVerdicts(session: SparkSession, bronzeView: string): Promise<DataFrame> {
  return session.sql(storedVerdictSql(bronzeView));
}

/**
 * Quarantine rows judged again: the raw payload as bronze's value, judged at its Kafka time, with
 * the quarantine row's own columns kept under their names (`reason` and `field` become the new verdict;
 * the stored ones are `stored_reason`, `stored_field`).
 */
export async function judgeQuarantine(
  session: SparkSession,
  quarantineView: string,
  fields?: readonly FieldSpec[],
): Promise<DataFrame> {
  const source =
    "(SELECT reason AS stored_reason, field AS stored_field, raw_payload, key, raw_payload AS value, " +
    "topic, partition, offset, kafka_timestamp, ingest_ts, ingest_date, hour AS ingest_hour, " +
    `CAST(raw_payload AS BINARY) AS value_bytes FROM ${quarantineView})`;
  return judge(session, source, fields);
}

/** Silver's columns (the table's order) of judged rows. */
export const silverSelect = [...silverColumns.map((c) => c.name), ...coordinateColumns];

/** Quarantine's columns of judged rows. */
export { quarantineSelect };

/**
 * SQL over a view of valid judged rows (silver's columns): one row per event_id, the first copy by
 * Kafka time and coordinates (deterministic, so running an operation again picks the same copy).
 */
export function firstCopiesSql(view: string): string {
  return (
    `SELECT ${silverSelect.join(", ")} FROM (SELECT *, row_number() OVER (PARTITION BY event_id ` +
    `ORDER BY kafka_timestamp, partition, offset) AS __ecom_copy FROM ${view}) WHERE __ecom_copy = 1`
  );
}
