import { runStageProcess } from "@ecomstream/stage";
import { goldStage } from "./definition.js";

await runStageProcess(goldStage);
