import { setTimeout as sleep } from "node:timers/promises";
import { createLogger, describeError, loadConfig, readPid } from "@ecomstream/runtime";
import { statePaths } from "../state.js";
import { readSupervised } from "./state.js";
import { Supervisor } from "./supervisor.js";

/** How often the supervisor looks at every supervised part's processes. */
const intervalMs = 2000;

/** The supervisor daemon `./ecom up` starts (pid file run/supervisor.pid, log logs/supervisor.log). */
async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger("supervisor");
  const pidFile = statePaths(config).pid("supervisor");
  process.on("SIGTERM", () => {
    log.info("stopped");
    process.exit(0);
  });
  log.info({ components: readSupervised(config) ?? [], intervalMs }, "supervising");
  const supervisor = new Supervisor(config, log);
  for (;;) {
    await sleep(intervalMs);
    // another supervisor took over this home (its pid file names another process), or down removed it
    if (readPid(pidFile) !== process.pid) {
      log.info("the pid file no longer names this process; exiting");
      return;
    }
    if (!supervisor.tick()) {
      log.info("supervision is off (./ecom down, or the home was purged); exiting");
      return;
    }
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`supervisor: ${describeError(error)}\n`);
    process.exit(1);
  },
);
