import type { Logger } from "@ecomstream/runtime";
import type { SparkSession } from "@ecomstream/spark-connect";
import { LoopRunner, type LoopStatus, type RunnableLoop } from "./loop-runner.js";

export interface LoopRecovery {
  /** The runner's status once the first pass had failed. */
  failing: LoopStatus;
  /** Its status once a pass succeeded after `repair`. */
  recovered: LoopStatus;
}

/**
 * For tests of a stage's loop: runs `loop` under the stages' LoopRunner (short backoff) while
 * something it needs is broken, waits for failed passes, calls `repair` and waits until a pass
 * succeeds again by itself. Throws when either does not happen within `timeoutMs`.
 */
export async function checkLoopRecovers(
  loop: RunnableLoop,
  session: SparkSession,
  logger: Logger,
  repair: () => Promise<void>,
  timeoutMs = 60_000,
): Promise<LoopRecovery> {
  const runner = new LoopRunner(loop, () => session, logger, { initialBackoffMs: 100, maxBackoffMs: 1000 });
  const until = async (check: (s: LoopStatus) => boolean, what: string) => {
    const deadline = Date.now() + timeoutMs;
    while (!check(runner.status())) {
      if (Date.now() > deadline)
        throw new Error(`timed out waiting for ${what}: ${JSON.stringify(runner.status())}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return runner.status();
  };
  runner.start();
  try {
    const failing = await until((s) => s.failures >= 2, "two failed passes");
    await repair();
    const recovered = await until(
      (s) => s.passes >= 1 && s.lastError === undefined,
      "a pass after the repair",
    );
    return { failing, recovered };
  } finally {
    await runner.stop();
  }
}
