import type { HourKey } from "./hours.js";
import { type GoldTableName, goldTableNames, goldTableUri, type LakeLayout } from "./lake.js";
import {
  bronzeDdl,
  bronzeStatsColumns,
  bronzeVerdictColumn,
  goldDdl,
  goldTableDdls,
  quarantineDdl,
  silverDdl,
} from "./tables.js";

export const layerNames = ["bronze", "silver", "quarantine", "gold"] as const;
export type LayerName = (typeof layerNames)[number];

/** One table of the lake (spec: "Lake layout") as lake operations see it. */
export interface LayerSpec {
  /** The layer, or for gold's tables beside kpi_minute `gold_<table>`. */
  name: LayerName | `gold_${GoldTableName}`;
  uri: string;
  ddl: string;
  /** The date partition column (`ingest_date` or `event_date`); the hour column is always `hour`. */
  dateColumn: "ingest_date" | "event_date";
  /** Written by a streaming Delta sink (a commit per micro-batch); gold is written whole per hour by its restatement. */
  sink: boolean;
  /** Columns the table gained after its first version: added to a table created without them. */
  addedColumns?: ReadonlyArray<{ name: string; ddl: string }>;
  /** Table properties of this table beyond those every lake table carries. */
  properties?: Readonly<Record<string, string>>;
}

export function layerSpecs(lake: LakeLayout): Record<LayerName, LayerSpec> {
  return {
    bronze: {
      name: "bronze",
      uri: lake.bronze,
      ddl: bronzeDdl,
      dateColumn: "ingest_date",
      sink: true,
      addedColumns: [bronzeVerdictColumn],
      // file statistics on the record's columns only: no reader skips files by the verdict's fields
      properties: { "delta.dataSkippingStatsColumns": bronzeStatsColumns },
    },
    silver: { name: "silver", uri: lake.silver, ddl: silverDdl, dateColumn: "event_date", sink: true },
    quarantine: {
      name: "quarantine",
      uri: lake.quarantine,
      ddl: quarantineDdl,
      dateColumn: "ingest_date",
      sink: true,
    },
    gold: { name: "gold", uri: lake.gold, ddl: goldDdl, dateColumn: "event_date", sink: false },
  };
}

/**
 * Gold's tables beside kpi_minute (kpi_dim_minute, product_hour, sessions): restated with it, each
 * hour whole, partitioned like it (sessions by session_start's hour); lake operations keep and
 * compact them as they do gold.
 */
export function goldTableSpecs(lake: LakeLayout): Record<GoldTableName, LayerSpec> {
  return Object.fromEntries(
    goldTableNames.map((t) => [
      t,
      {
        name: `gold_${t}`,
        uri: goldTableUri(lake, t),
        ddl: goldTableDdls[t],
        dateColumn: "event_date",
        sink: false,
      },
    ]),
  ) as Record<GoldTableName, LayerSpec>;
}

/** The folder name of a partition: `ingest_date=2026-11-25/hour=7`, as Spark writes it. */
export function partitionKey(spec: LayerSpec, at: HourKey): string {
  return `${spec.dateColumn}=${at.date}/hour=${at.hour}`;
}

/** Parses `…date=YYYY-MM-DD/hour=H`; undefined for anything else. */
export function parsePartitionKey(key: string): HourKey | undefined {
  const match = /(?:^|\/)[a-z_]+=(\d{4}-\d{2}-\d{2})\/hour=(\d{1,2})$/.exec(key);
  return match ? { date: match[1]!, hour: Number(match[2]) } : undefined;
}

/** Spark predicate: the partition is at or after `at`. */
export function fromHourPredicate(spec: LayerSpec, at: HourKey): string {
  return `(${spec.dateColumn} > DATE'${at.date}' OR (${spec.dateColumn} = DATE'${at.date}' AND hour >= ${at.hour}))`;
}
