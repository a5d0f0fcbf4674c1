/** How often the waiting helpers look again. */
const pollMs = 250;

/** Polls `check` until it returns a value (not undefined); past `timeoutMs` throws naming `what`. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
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
