export { bronzeQuery, bronzeQueryName, bronzeSelect } from "./bronze-query.js";
export { bronzeStage } from "./definition.js";
