/** The lake layout of the events v1 contract (spec: "Lake layout"), under a file:// or s3a:// root. */
export interface LakeLayout {
  root: string;
  bronze: string;
  silver: string;
  quarantine: string;
  gold: string;
}

export function lakeLayout(lakeUri: string): LakeLayout {
  const root = lakeUri.replace(/\/+$/, "");
  return {
    root,
    bronze: `${root}/bronze/ecom_events/v1`,
    silver: `${root}/silver/ecom_events/v1`,
    quarantine: `${root}/quarantine/ecom_events/v1`,
    gold: `${root}/gold/kpi_minute/v1`,
  };
}

/** Gold's tables beside kpi_minute (spec: "Lake layout"), restated with it from the same silver snapshot. */
export const goldTableNames = ["kpi_dim_minute", "product_hour", "sessions"] as const;
export type GoldTableName = (typeof goldTableNames)[number];

/** Where a gold table beside kpi_minute lives: `<root>/gold/<name>/v1`. */
export const goldTableUri = (lake: LakeLayout, name: GoldTableName) => `${lake.root}/gold/${name}/v1`;

/** The checkpoint folder of one streaming query. */
export function checkpointOf(checkpointUri: string, queryName: string): string {
  return `${checkpointUri.replace(/\/+$/, "")}/${queryName}`;
}
