import type { operations } from "./schema.js";

/** The JSON body of an operation's 200 answer. */
type Ok<K extends keyof operations> = operations[K] extends {
  responses: { 200: { content: { "application/json": infer T } } };
}
  ? T
  : never;

export type KpiSeries = Ok<"getKpis">;
export type KpiBucket = KpiSeries["buckets"][number];
export type KpiLatest = Ok<"getKpisLatest">;
export type KpiMinute = NonNullable<KpiLatest["minute"]>;
export type AlertPage = Ok<"listAlerts">;
export type Alert = AlertPage["items"][number];
export type QualitySeries = Ok<"getQuality">;
export type QualityBucket = QualitySeries["buckets"][number];
export type QuarantineSample = Ok<"getQualitySamples">["items"][number];
export type Step = NonNullable<NonNullable<operations["getKpis"]["parameters"]["query"]>["step"]>;
export type AlertStatus = Alert["status"];
export type AlertSeverity = Alert["severity"];
export type KpiQuery = NonNullable<operations["getKpis"]["parameters"]["query"]>;
export type AlertQuery = NonNullable<operations["listAlerts"]["parameters"]["query"]>;
export type Pipeline = Ok<"getPipeline">;
export type PipelineStage = Pipeline["stages"][number];
export type Lake = Ok<"getLake">;
export type LakeLayer = Lake["layers"][number];
export type LakeLayerName = LakeLayer["layer"];
export type LakePartitions = Ok<"getLakePartitions">;
export type LakePartition = LakePartitions["partitions"][number];
export type BreakdownQuery = operations["getKpisBreakdown"]["parameters"]["query"];
export type BreakdownDimension = BreakdownQuery["dimension"];
export type Breakdown = Ok<"getKpisBreakdown">;
export type BreakdownSeries = Breakdown["series"][number];
export type BreakdownBucket = BreakdownSeries["buckets"][number];
export type TopProducts = Ok<"getTopProducts">;
export type TopProduct = TopProducts["items"][number];
export type ProductOrder = TopProducts["by"];
export type SessionsSummary = Ok<"getSessionsSummary">;
export type Funnel = Ok<"getFunnel">;
export type FunnelStep = Funnel["steps"][number];
