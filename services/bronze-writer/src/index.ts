export { bronzeQuery, bronzeQueryName } from "./bronze-query.js";
export { bronzeStage } from "./definition.js";
