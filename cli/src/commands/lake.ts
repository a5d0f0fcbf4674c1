import { type EcomConfig, EcomError, errorCodes } from "@ecomstream/runtime";
import { describeRebuild, rebuildLake } from "../lake/rebuild.js";
import { ui } from "../ui.js";

const usageFix =
  "run ./ecom lake rebuild (stops the lake's writers, moves the lake, checkpoints and state aside; ./ecom up then re-ingests the topic)";

/** `./ecom lake <subcommand>`: `rebuild` moves a lake (e.g. one of the previous format) aside. */
export async function lakeCommand(config: EcomConfig, args: readonly string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== "rebuild" || rest.length > 0)
    throw new EcomError(errorCodes.usage, `lake needs: rebuild${sub ? ` (not '${args.join(" ")}')` : ""}`, {
      fix: usageFix,
    });
  const report = await rebuildLake(config);
  for (const line of describeRebuild(report, config)) ui.out(line);
  return 0;
}
