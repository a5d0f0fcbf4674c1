import {
  type GoldColumn,
  kpiDimMinuteColumns,
  kpiMinuteColumns,
  productHourColumns,
  sessionColumns,
  sparkSilverDdl,
} from "@ecomstream/contracts";
import { bronzeRecordTypes, verdictDdl } from "./bronze-verdict.js";
import type { GoldTableName } from "./lake.js";

/**
 * Schemas of the lake's tables (spec: "Lake layout"), as Spark DDL. Streaming file sources need
 * them up front; batch readers (reconcile, loader) use them too.
 */

/** The verdict column bronze gained after its first version (tables created before get it added, NULL in older rows). */
export const bronzeVerdictColumn = { name: "verdict", ddl: verdictDdl } as const;

/** Bronze's columns that carry Delta file statistics (readers filter by them; the verdict's fields are only copied). */
export const bronzeStatsColumns = "topic,partition,offset,kafka_timestamp,ingest_ts";

/**
 * Bronze: the Kafka record as it came, plus where and when it was read, and the contract's verdict
 * on it (`bronze-verdict.ts`). Partitioned ingest_date/hour.
 */
export const bronzeDdl = [
  ...Object.entries(bronzeRecordTypes).map(([name, type]) => `${name} ${type}`),
  `${bronzeVerdictColumn.name} ${bronzeVerdictColumn.ddl}`,
].join(", ");

/** The source coordinates silver and quarantine rows keep. */
const coordinatesDdl = "topic STRING, partition INT, offset BIGINT, kafka_timestamp TIMESTAMP";

/** Silver: the contract's typed columns (partition columns event_date, hour last) plus coordinates. */
export const silverDdl = `${sparkSilverDdl}, ${coordinatesDdl}`;

/** Quarantine: reason, field, raw payload and coordinates. Partitioned ingest_date/hour. */
export const quarantineDdl =
  `reason STRING, field STRING, raw_payload STRING, key STRING, ${coordinatesDdl}, ` +
  "ingest_ts TIMESTAMP, ingest_date DATE, hour INT";

const goldTypes = { timestamp: "TIMESTAMP", bigint: "BIGINT", double: "DOUBLE", boolean: "BOOLEAN" } as const;

/** Gold kpi_minute as stored: the contract's columns, is_final, updated_at, partitions event_date, hour last. */
export const goldDdl = [
  ...kpiMinuteColumns.map((c) => `${c.name} ${goldTypes[c.type]}`),
  "is_final BOOLEAN",
  "updated_at TIMESTAMP",
  "event_date DATE",
  "hour INT",
].join(", ");

/** A gold table beside kpi_minute as stored: its contract columns, is_final, updated_at, event_date, hour. */
const goldTableDdl = (columns: readonly GoldColumn[]) =>
  [
    ...columns.map((c) => `${c.name} ${c.type === "string" ? "STRING" : goldTypes[c.type]}`),
    "is_final BOOLEAN",
    "updated_at TIMESTAMP",
    "event_date DATE",
    "hour INT",
  ].join(", ");

/** DDL of gold's tables beside kpi_minute (kpi_dim_minute, product_hour, sessions). */
export const goldTableDdls: Record<GoldTableName, string> = {
  kpi_dim_minute: goldTableDdl(kpiDimMinuteColumns),
  product_hour: goldTableDdl(productHourColumns),
  sessions: goldTableDdl(sessionColumns),
};

/** Source coordinates every silver and quarantine row carries. */
export const coordinateColumns = ["topic", "partition", "offset", "kafka_timestamp"] as const;

/**
 * Quarantine rows (the `quarantineDdl` columns) from validated bronze rows: the contract's reason and
 * field, the raw payload, key, coordinates and ingest time, partitioned by the ingest hour.
 */
export const quarantineSelect = [
  "reason",
  "field",
  "value AS raw_payload",
  "key",
  ...coordinateColumns,
  "ingest_ts",
  "ingest_date",
  "ingest_hour AS hour",
];

/** UTC date and hour of a timestamp column as `expr AS name` items, independent of the session time zone. */
export function utcDateHour(column: string, dateName: string, hourName: string): string[] {
  const micros = `unix_micros(${column})`;
  return [
    `date_from_unix_date(CAST((${micros} - pmod(${micros}, 86400000000)) div 86400000000 AS INT)) AS ${dateName}`,
    `CAST(pmod(${micros}, 86400000000) div 3600000000 AS INT) AS ${hourName}`,
  ];
}
