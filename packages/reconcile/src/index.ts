export { type BreakdownSums, breakdownSums, breakdownView, registerBreakdownView } from "./breakdown-sums.js";
export { registerGoldTableViews } from "./gold-table-views.js";
export { type LakeCounts, lakeCounts, rangeCondition, type TimeRange } from "./lake-counts.js";
export { registerLakeViews, views } from "./lake-views.js";
export { type ReconcileCheck, type ReconcileReport, reconcile } from "./reconcile.js";
export { type PartitionRange, topicRange } from "./topic-offsets.js";
