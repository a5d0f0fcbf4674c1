import { runStageProcess } from "@ecomstream/stage";
import { loaderStage } from "./definition.js";

await runStageProcess(loaderStage);
