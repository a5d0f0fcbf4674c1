import { runStageProcess } from "@ecomstream/stage";
import { silverStage } from "./definition.js";

await runStageProcess(silverStage);
