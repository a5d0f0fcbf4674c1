/** How often the waiting helpers look again, unless told. */
const defaultPollMs = 250;

const missing: unique symbol = Symbol("not yet");

/** A check's answer while the awaited state is not there yet, saying what is still missing. */
export interface NotYet {
  readonly [missing]: string;
}

/** Tells `waitFor` to look again; past its time, `reason` ends the error's message. */
export const notYet = (reason: string): NotYet => ({ [missing]: reason });

const isNotYet = (value: unknown): value is NotYet =>
  typeof value === "object" && value !== null && missing in value;

/**
 * Polls `check` every `pollMs` until it returns a value (not undefined, not `notYet(...)`); past
 * `timeoutMs` throws naming `what` and the last reason given.
 */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | NotYet | undefined> | T | NotYet | undefined,
  timeoutMs = 30_000,
  pollMs = defaultPollMs,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && !isNotYet(value)) return value;
    if (Date.now() > deadline) {
      const reason = isNotYet(value) ? `: ${value[missing]}` : "";
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${reason}`);
    }
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

/** Polls `check` until it is true; past `timeoutMs` throws naming `what`. */
export async function until(
  what: string,
  check: () => Promise<boolean> | boolean,
  timeoutMs = 30_000,
): Promise<void> {
  await waitFor(what, async () => ((await check()) ? true : undefined), timeoutMs);
}
