import { runStageProcess } from "@ecomstream/stage";
import { bronzeStage } from "./definition.js";

await runStageProcess(bronzeStage);
