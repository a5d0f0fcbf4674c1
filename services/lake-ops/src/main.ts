import { runStageProcess } from "@ecomstream/stage";
import { lakeOpsStage } from "./definition.js";

await runStageProcess(lakeOpsStage);
