export { silverStage } from "./definition.js";
export { quarantineQuery, quarantineQueryName, silverQuery, silverQueryName } from "./silver-queries.js";
