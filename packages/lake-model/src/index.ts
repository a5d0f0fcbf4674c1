export {
  bronzeRecordColumns,
  bronzeWithVerdictSql,
  judgedBronzeSql,
  storedVerdictSql,
  verdictColumns,
  verdictDdl,
  verdictStruct,
} from "./bronze-verdict.js";
export {
  type HourKey,
  hourKey,
  hourOf,
  hourStartMs,
  hoursPredicate,
  parseHourKey,
  uniqueHours,
} from "./hours.js";
export {
  checkpointOf,
  type GoldTableName,
  goldTableNames,
  goldTableUri,
  type LakeLayout,
  lakeLayout,
} from "./lake.js";
export {
  fromHourPredicate,
  goldTableSpecs,
  type LayerName,
  type LayerSpec,
  layerNames,
  layerSpecs,
  parsePartitionKey,
  partitionKey,
} from "./layers.js";
export {
  bronzeDdl,
  bronzeVerdictColumn,
  coordinateColumns,
  goldDdl,
  goldTableDdls,
  quarantineDdl,
  quarantineSelect,
  silverDdl,
  utcDateHour,
} from "./tables.js";
