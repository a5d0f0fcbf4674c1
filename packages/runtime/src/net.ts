import { createConnection, createServer } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { EcomError, errorCodes } from "./errors.js";

/** True when something accepts TCP connections on host:port within the timeout. */
export function canConnect(host: string, port: number, timeoutMs = 3000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

/** True when this machine could bind the port (nothing listens on it). */
export function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen({ port, host: "0.0.0.0", exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/**
 * Waits until `check` passes, failing early when `alive` says the process died.
 * Calls `onWait` about every 5 s so long waits show they are progressing.
 */
export async function waitFor(
  what: string,
  check: () => Promise<boolean>,
  options: {
    timeoutMs: number;
    alive?: () => boolean;
    onWait?: (elapsedMs: number) => void;
    logHint?: string;
  },
): Promise<void> {
  const started = Date.now();
  let lastNote = started;
  for (;;) {
    if (await check()) return;
    if (options.alive && !options.alive()) {
      throw new EcomError(errorCodes.startup, `${what} exited during start-up`, {
        fix: options.logHint ? `read ${options.logHint}` : "read its log under .ecom/logs",
      });
    }
    const now = Date.now();
    if (now - started > options.timeoutMs) {
      throw new EcomError(
        errorCodes.timeout,
        `${what} not ready after ${Math.round(options.timeoutMs / 1000)} s`,
        {
          fix: options.logHint ? `read ${options.logHint}` : "read its log under .ecom/logs",
        },
      );
    }
    if (options.onWait && now - lastNote >= 5000) {
      options.onWait(now - started);
      lastNote = now;
    }
    await sleep(250);
  }
}

/** Splits `host:port` (the first of a comma-separated list). */
export function parseHostPort(value: string): { host: string; port: number } {
  const first = value.split(",")[0]?.trim() ?? "";
  const index = first.lastIndexOf(":");
  return { host: first.slice(0, index) || "localhost", port: Number(first.slice(index + 1)) };
}
